// GatherKit: the engine. It will hold the collector spec, the runner (deadline, timeouts, bounds), the output tree
// (sanitised paths inside the output folder, complete-or-marked files) and the run summary. Collectors in Inspect and
// NodeLogs plug into it; it depends on KubeClient and Compression only.
//
// The module starts empty on purpose: the package's separation is fixed before the engine lands.
