import Foundation

/// What has been posted where: `content/social-state.json`, committed with the content so that a build on
/// another machine does not post the same article twice. Keys are article folders (`tin-tuc/<slug>/`).
public struct SocialState: Sendable, Equatable {
    public static let file = "content/social-state.json"

    public struct Post: Sendable, Equatable {
        /// The id the network gave the post (Zalo article token, Facebook post id).
        public var id: String
        public var postedAt: String
        public var title: String
    }

    public var posts: [SocialNetwork: [String: Post]] = [:]

    public init() {}

    public func isPosted(_ id: String, to network: SocialNetwork) -> Bool { posts[network]?[id] != nil }

    public mutating func record(_ id: String, on network: SocialNetwork, post: Post) {
        posts[network, default: [:]][id] = post
    }

    /// A missing file is an empty state; an unreadable one is an error (posting blind could post twice).
    public static func load(root: String) throws -> SocialState {
        let path = (root as NSString).appendingPathComponent(file)
        guard FileManager.default.fileExists(atPath: path) else { return SocialState() }
        guard let data = FileManager.default.contents(atPath: path),
              let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw SocialPostError.unreadableState(file)
        }
        var state = SocialState()
        for network in SocialNetwork.allCases {
            guard let entries = json[network.rawValue] as? [String: Any] else { continue }
            for (id, value) in entries {
                guard let value = value as? [String: Any] else { throw SocialPostError.unreadableState(file) }
                state.record(id, on: network, post: Post(id: value["id"] as? String ?? "",
                                                         postedAt: value["posted_at"] as? String ?? "",
                                                         title: value["title"] as? String ?? ""))
            }
        }
        return state
    }

    /// Sorted keys and a final newline: a stable file that diffs well in git. Written atomically.
    public func save(root: String) throws {
        var json: [String: Any] = ["version": 1]
        for network in SocialNetwork.allCases {
            json[network.rawValue] = (posts[network] ?? [:]).mapValues { post in
                ["id": post.id, "posted_at": post.postedAt, "title": post.title]
            }
        }
        let path = (root as NSString).appendingPathComponent(SocialState.file)
        do {
            try Data((JSONText.serialize(json) + "\n").utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw SocialPostError.unwritableState(SocialState.file, String(describing: error))
        }
    }
}
