/// Names a value a kernel reads: a definition of the scenario being evaluated, or of another one.
public struct ValueKey: Hashable, Sendable, CustomStringConvertible {
    public let scenario: String?
    public let name: String

    public init(_ name: String, in scenario: String? = nil) {
        self.scenario = scenario
        self.name = name
    }

    public var description: String { scenario.map { "\($0).\(name)" } ?? name }
}

/// The compiled code of one definition, position-independent: it works on a small frame of
/// registers (its inputs, constants and temporaries) and can be run alone (an edit at the REPL)
/// or linked with others into a plan (sweeps, batches).
public struct Kernel: Sendable {
    public struct Input: Sendable {
        public let key: ValueKey
        /// Frame registers the value is loaded into, one per number.
        public let registers: Range<Int>
    }

    public var code: [Instruction]
    public var frameSize: Int
    public var inputs: [Input]
    /// Registers preset with constants.
    public var constants: [(register: Int, value: Double)]
    /// Where the result is, one register per number.
    public var output: Range<Int>
    public var type: ValueType
}
