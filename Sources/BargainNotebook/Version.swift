
/// The version `bargain --version` prints and saved sessions record.
package enum BargainVersion {
    package static let string = "0.1.0"
}
