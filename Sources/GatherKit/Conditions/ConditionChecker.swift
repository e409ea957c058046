import Synchronization

/// What one condition found.
public enum ConditionOutcome: Sendable, Equatable {
    /// It holds; a Subscription or ClusterServiceVersion condition names the operator's namespace.
    case holds(operatorNamespace: String? = nil)
    /// It does not hold, said as the stock scripts say it (`"metallb-operator" not detected`).
    case doesNotHold(String)
    /// It could not be checked (the API server failed): the entry is skipped with this reason.
    case unknown(String)
}

/// Answers the entries' `when:` conditions, each once per run: many entries ask the same question (a CRD, the cluster
/// version), and the answer must not change half-way through a run. The executable gives the function that asks the
/// cluster; the engine knows no client.
public final class ConditionChecker: Sendable {
    private let evaluate: @Sendable (EntryCondition) async -> ConditionOutcome
    private let answers = Mutex<[EntryCondition: Task<ConditionOutcome, Never>]>([:])

    public init(evaluate: @escaping @Sendable (EntryCondition) async -> ConditionOutcome) {
        self.evaluate = evaluate
    }

    /// The outcome of `condition`, asked of the cluster the first time only.
    func outcome(of condition: EntryCondition) async -> ConditionOutcome {
        let task = answers.withLock { answers in
            if let task = answers[condition] { return task }
            let task = Task { [evaluate] in await evaluate(condition) }
            answers[condition] = task
            return task
        }
        return await task.value
    }
}
