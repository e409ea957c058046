import GatherKit
import Inspect
import NodeLogs
import PodExec

/// Every kind of collector this build runs. A spec naming another kind is refused with this list. Adding a kind is
/// one file for its type (see ``CollectorKind``) and one line here.
let collectorKinds = CollectorKindRegistry([
    VersionKind.self,
    InspectKind.self,
    ServiceLogsKind.self,
    NodeFilesKind.self,
    NodeLogFilesKind.self,
    ExecKind.self,
    CopyKind.self,
    APIGetKind.self,
    CountKind.self,
    ScriptKind.self,
])
