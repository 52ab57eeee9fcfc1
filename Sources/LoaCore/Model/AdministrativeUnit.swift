/// One commune-level unit of the jurisdiction (xã, phường, thị trấn, đặc khu) from `units.yaml`.
public struct AdministrativeUnit: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        case xa, phuong, thiTran = "thi-tran", dacKhu = "dac-khu"

        public var label: String {
            switch self {
            case .xa: return "Xã"
            case .phuong: return "Phường"
            case .thiTran: return "Thị trấn"
            case .dacKhu: return "Đặc khu"
            }
        }
    }

    public var id: String
    public var name: String
    public var kind: Kind
    public var code: String?
    public var formerly: [String]
    /// Where it is defined, for messages about it.
    public var line: Int
}
