import Foundation

/// The two places articles are reposted, with requests shaped like their real APIs and answers read the
/// way those APIs give them.
public enum SocialNetwork: String, Sendable, CaseIterable {
    case zalo, facebook

    public var label: String { self == .zalo ? "Zalo" : "Facebook" }

    /// Environment variables: the token, and for Facebook the page id; the API base can be overridden
    /// (tests point it at a server on 127.0.0.1).
    public var tokenVariable: String { self == .zalo ? "LOA_ZALO_TOKEN" : "LOA_FACEBOOK_TOKEN" }
    public static let facebookPageVariable = "LOA_FACEBOOK_PAGE_ID"
    public var apiVariable: String { self == .zalo ? "LOA_ZALO_API" : "LOA_FACEBOOK_API" }
    public var defaultAPI: String { self == .zalo ? "https://openapi.zalo.me" : "https://graph.facebook.com" }

    public struct Credentials: Sendable {
        public var token: String
        public var pageID: String?
        public var api: String
    }

    /// Nil with the names of the missing variables.
    public func credentials(_ environment: [String: String]) -> Result<Credentials, SocialPostError> {
        var missing: [String] = []
        let token = environment[tokenVariable].flatMap { $0.isEmpty ? nil : $0 }
        if token == nil { missing.append(tokenVariable) }
        let page = environment[SocialNetwork.facebookPageVariable].flatMap { $0.isEmpty ? nil : $0 }
        if self == .facebook, page == nil { missing.append(SocialNetwork.facebookPageVariable) }
        guard missing.isEmpty, let token else { return .failure(.missingEnvironment(self, missing)) }
        var api = environment[apiVariable].flatMap { $0.isEmpty ? nil : $0 } ?? defaultAPI
        while api.hasSuffix("/") { api.removeLast() }
        return .success(Credentials(token: token, pageID: page, api: api))
    }

    /// Zalo OA: `POST /v2.0/article/create`, token in the `access_token` header, JSON body.
    /// Facebook Graph: `POST /v19.0/{page-id}/feed`, form fields message, link, access_token.
    public func request(for entry: OutboxEntry, credentials c: Credentials) -> HTTPRequest {
        switch self {
        case .zalo:
            let body = JSONText.serialize(entry.zalo.json, pretty: false)
            return HTTPRequest(url: c.api + "/v2.0/article/create",
                               headers: ["access_token": c.token, "Content-Type": "application/json"],
                               body: Array(body.utf8))
        case .facebook:
            let fields = [("message", entry.facebookMessage), ("link", entry.url), ("access_token", c.token)]
            let body = fields.map { "\($0.0)=\(ShareMeta.percentEncode($0.1))" }.joined(separator: "&")
            return HTTPRequest(url: c.api + "/v19.0/\(c.pageID ?? "")/feed",
                               headers: ["Content-Type": "application/x-www-form-urlencoded"],
                               body: Array(body.utf8))
        }
    }

    public enum Outcome: Sendable, Hashable {
        case posted(id: String)
        case badToken(String)
        case rateLimited(retryAfter: Double?)
        /// Worth trying again (5xx, a transient API error).
        case retryable(String)
        /// The API refused this article; trying again will not help.
        case refused(String)
    }

    /// Zalo answers HTTP 200 with `{"error": 0, "data": {"token": …}}` or a negative error code;
    /// Facebook answers `{"id": …}` or HTTP 4xx with `{"error": {"code": …, "message": …}}`.
    public func outcome(of response: HTTPResponse) -> Outcome {
        let json = response.json
        if response.status == 429 { return .rateLimited(retryAfter: Self.retryAfter(response)) }
        if response.status >= 500 { return .retryable("HTTP \(response.status)") }
        switch self {
        case .zalo:
            if response.status == 401 || response.status == 403 { return .badToken("HTTP \(response.status)") }
            guard let json, let code = (json["error"] as? NSNumber)?.intValue else {
                return .refused("HTTP \(response.status), phản hồi không đúng dạng của Zalo")
            }
            let message = json["message"] as? String ?? ""
            if code == 0 {
                let data = json["data"] as? [String: Any]
                return .posted(id: (data?["token"] as? String) ?? (data?["id"] as? String) ?? "")
            }
            if [-216, -201, -124, -204].contains(code) { return .badToken("\(code) \(message)") }
            if code == -32 { return .rateLimited(retryAfter: Self.retryAfter(response)) }
            return .refused("mã lỗi Zalo \(code): \(message)")
        case .facebook:
            if (200..<300).contains(response.status), let id = json?["id"] as? String { return .posted(id: id) }
            let error = json?["error"] as? [String: Any]
            let code = (error?["code"] as? NSNumber)?.intValue ?? 0
            let message = error?["message"] as? String ?? "HTTP \(response.status)"
            if code == 190 || code == 102 || response.status == 401 { return .badToken("\(code) \(message)") }
            if [4, 17, 32, 613].contains(code) { return .rateLimited(retryAfter: Self.retryAfter(response)) }
            if (error?["is_transient"] as? Bool) == true || code == 1 || code == 2 { return .retryable(message) }
            return .refused("mã lỗi Facebook \(code): \(message)")
        }
    }

    /// `Retry-After` in seconds (the HTTP-date form is not used by these APIs and reads as unknown).
    static func retryAfter(_ response: HTTPResponse) -> Double? {
        response.headers["retry-after"].flatMap { Double($0.trimmingCharacters(in: .whitespaces)) }
    }
}
