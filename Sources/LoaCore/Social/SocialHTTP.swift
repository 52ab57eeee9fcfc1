import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

public struct HTTPRequest: Sendable, Hashable {
    public var method = "POST"
    public var url: String
    public var headers: [String: String]
    public var body: [UInt8]
}

public struct HTTPResponse: Sendable, Hashable {
    public var status: Int
    /// Header names lowercased.
    public var headers: [String: String]
    public var body: [UInt8]

    public init(status: Int, headers: [String: String] = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public var json: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
    }
}

public enum HTTPTransportError: Error, Sendable, Hashable {
    case timedOut
    case unreachable(String)
}

/// Sends one request and waits for the answer. A protocol so posting can be tested without a network.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest, timeout: Double) -> Result<HTTPResponse, HTTPTransportError>
}

/// Foundation's URLSession (FoundationNetworking on Linux), used synchronously: posting is sequential.
public struct URLSessionTransport: HTTPTransport {
    public init() {}

    public func send(_ request: HTTPRequest, timeout: Double) -> Result<HTTPResponse, HTTPTransportError> {
        guard let url = URL(string: request.url) else { return .failure(.unreachable("địa chỉ không hợp lệ: \(request.url)")) }
        var urlRequest = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        urlRequest.httpMethod = request.method
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        urlRequest.httpBody = Data(request.body)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox()
        let task = session.dataTask(with: urlRequest) { data, response, error in
            if let error = error as? URLError {
                box.result = .failure(error.code == .timedOut ? .timedOut : .unreachable(error.localizedDescription))
            } else if let error {
                box.result = .failure(.unreachable(String(describing: error)))
            } else if let http = response as? HTTPURLResponse {
                var headers: [String: String] = [:]
                for (name, value) in http.allHeaderFields {
                    headers[String(describing: name).lowercased()] = String(describing: value)
                }
                box.result = .success(HTTPResponse(status: http.statusCode, headers: headers, body: Array(data ?? Data())))
            } else {
                box.result = .failure(.unreachable("không có phản hồi HTTP"))
            }
            done.signal()
        }
        task.resume()
        // URLSession enforces the timeout; this bound only guards against a callback that never comes.
        if done.wait(timeout: .now() + timeout + 5) == .timedOut {
            task.cancel()
            return .failure(.timedOut)
        }
        return box.result ?? .failure(.unreachable("không có phản hồi"))
    }

    private final class ResultBox: @unchecked Sendable {
        var result: Result<HTTPResponse, HTTPTransportError>?
    }
}
