public enum LoaVersion { public static let current = "0.1.0" }
