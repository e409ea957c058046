import KubeClient

/// A pod's name and its containers' names, read from the list bytes without building the pod.
struct PodNames: Sendable {
    let name: String
    /// Containers, then init containers, as oc gathers their logs.
    let containers: [String]

    /// Reads `metadata.name`, `spec.containers[].name` and `spec.initContainers[].name` of the pod at `item`; nil when
    /// it has no name.
    init?(_ scanner: JSONScanner, item: Range<Int>) throws {
        guard let nameRange = try scanner.value(at: ["metadata", "name"], in: item),
            case .string(let name) = try scanner.parse(nameRange)
        else { return nil }
        self.name = name
        var containers: [String] = []
        for field in ["containers", "initContainers"] {
            guard let list = try scanner.value(at: ["spec", field], in: item),
                scanner.bytes[scanner.skipWhitespace(list.lowerBound)] == UInt8(ascii: "[")
            else { continue }
            var elements: [Range<Int>] = []
            try scanner.elements(of: list, into: &elements)
            for element in elements {
                if let range = try scanner.value(at: ["name"], in: element), case .string(let container) = try scanner.parse(range) {
                    containers.append(container)
                }
            }
        }
        self.containers = containers
    }

    /// The current and previous log of each container.
    func logJobs(namespace: String) -> [PodLogJob] {
        containers.flatMap { container in
            [false, true].map { PodLogJob(namespace: namespace, pod: name, container: container, previous: $0) }
        }
    }
}
