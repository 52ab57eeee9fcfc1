/// Where a string's UTF-8 bytes live: equal for two strings that share one storage, as texts kept once
/// (`TextInterner`) do, different for copies.
func storageAddress(of text: String) -> UnsafeRawPointer? {
    var copy = text
    return copy.withUTF8 { UnsafeRawPointer($0.baseAddress) }
}
