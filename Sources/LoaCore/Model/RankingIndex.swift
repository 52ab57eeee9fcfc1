/// One ranking index (`content/rankings/<index>.yaml`): PAR INDEX, SIPAS, DTI…
public struct RankingIndex: Sendable, Hashable {
    public enum Scale: String, Sendable, Hashable {
        case percent, points, ratio

        /// Scores as Vietnamese readers expect them: 83,16% / 0,6077 / 45,5 điểm.
        public func format(_ score: Double) -> String {
            switch self {
            case .percent: return VietnameseFormat.percent(score, fractionDigits: 2)
            case .ratio: return VietnameseFormat.number(score, fractionDigits: 4)
            case .points: return VietnameseFormat.trimmedNumber(score, maxFractionDigits: 2) + " điểm"
            }
        }

        /// A difference of two scores, signed: "+5,50" / "-0,0123" / "+1,5 điểm".
        public func formatDifference(_ delta: Double) -> String {
            switch self {
            case .percent: return VietnameseFormat.signed(delta, fractionDigits: 2)
            case .ratio: return VietnameseFormat.signed(delta, fractionDigits: 4)
            case .points: return VietnameseFormat.signed(delta, fractionDigits: 2) + " điểm"
            }
        }
    }

    /// A component area with its maximum points for a year.
    public struct Area: Sendable, Hashable {
        public var name: String
        public var maximum: Double
    }

    public struct Result: Sendable, Hashable {
        /// A unit id, or `jurisdiction` for the portal's own government.
        public var unitID: String
        public var score: Double
        public var rank: Int
        public var of: Int
        /// Area name → points, in the order written.
        public var areas: [AreaScore]
        public var line: Int
    }

    public struct AreaScore: Sendable, Hashable {
        public var name: String
        public var score: Double
    }

    public static let jurisdictionID = "jurisdiction"

    public var id: String
    public var name: String
    public var scale: Scale
    public var higherIsBetter: Bool
    public var scope: String?
    /// Year → areas in the order written.
    public var areas: [Int: [Area]]
    /// Year → results in the order written.
    public var results: [Int: [Result]]
    public var file: String

    public var years: [Int] { results.keys.sorted() }
}
