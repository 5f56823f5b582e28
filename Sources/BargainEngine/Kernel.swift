import BargainUnits

/// Names a value a kernel reads: a definition of the scenario being evaluated, or of another one.
struct ValueKey: Hashable, Sendable, CustomStringConvertible {
    let scenario: String?
    let name: String

    init(_ name: String, in scenario: String? = nil) {
        self.scenario = scenario
        self.name = name
    }

    var description: String { scenario.map { "\($0).\(name)" } ?? name }
}

/// The compiled code of one definition, position-independent: it works on a small frame of
/// registers (its inputs, constants and temporaries) and can be run alone (an edit at the REPL)
/// or linked with others into a plan (sweeps, batches).
package struct Kernel: Sendable {
    package struct Input: Sendable {
        let key: ValueKey
        /// Frame registers the value is loaded into, one per number.
        let registers: Range<Int>
    }

    package var code: [Instruction]
    var frameSize: Int
    package var inputs: [Input]
    /// Registers preset with constants.
    var constants: [(register: Int, value: Double)]
    /// Where the result is, one register per number.
    package var output: Range<Int>
    var type: ValueType

    /// Runs the kernel alone, one lane, with each input's numbers from `value` (which may throw
    /// to say an input has none). Returns the result's numbers; NaN among them marks an error.
    package func run<E: Error>(_ value: (Input) throws(E) -> [Double]) throws(E) -> ArraySlice<Double> {
        var frame = [Double](repeating: 0, count: max(1, frameSize))
        for (register, constant) in constants { frame[register] = constant }
        for input in inputs {
            for (register, number) in zip(input.registers, try value(input)) { frame[register] = number }
        }
        frame.withUnsafeMutableBufferPointer { buffer in
            if let base = buffer.baseAddress { Interpreter.run(code, base, lanes: 1) }
        }
        return frame[output]
    }
}
