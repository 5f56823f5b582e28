#if LIBFUZZER
/// libFuzzer's driver, in its runtime (`-sanitize=fuzzer` links it).
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(_ argc: UnsafeMutablePointer<Int32>,
               _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
               _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

/// The executable's entry (SwiftPM names it so and links `main` to it): hands every input
/// libFuzzer makes to the targets (`fuzz/run.sh` builds this with `-sanitize=fuzzer`).
@_cdecl("BargainFuzz_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return runDriver(&count, &arguments) { data, size in
        FuzzTargets.run(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
        return 0
    }
}
#else
import Glibc

/// Without libFuzzer: runs every file named (or every file in the folders named) through the
/// targets, once each, so the committed corpus is a regression test of its own.
@main
struct ReplayCorpus {
    static func main() {
        var count = 0
        for argument in CommandLine.arguments.dropFirst() {
            for path in files(argument) {
                guard let file = fopen(path, "rb") else { continue }
                var bytes: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 65536)
                while true {
                    let n = fread(&buffer, 1, buffer.count, file)
                    if n <= 0 { break }
                    bytes += buffer[..<n]
                }
                fclose(file)
                FuzzTargets.run(bytes)
                count += 1
            }
        }
        print("\(count) inputs ran through the fuzz targets without a crash")
    }

    static func files(_ path: String) -> [String] {
        guard let directory = opendir(path) else { return [path] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if !name.hasPrefix(".") { names.append(path + "/" + name) }
        }
        return names.sorted()
    }
}
#endif
