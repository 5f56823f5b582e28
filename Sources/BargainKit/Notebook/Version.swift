/// The version `bargain --version` prints and saved sessions record.
public enum BargainVersion {
    public static let string = "0.1.0"
}
