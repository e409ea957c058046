/// What `version` and `--version` say. Set at build time by editing here or by the image's build arguments, which
/// reach the binary through `GATHER_PRODUCT` and `GATHER_VERSION` at run time.
enum BuildInfo {
    static let product = "openshift/must-gather"
    static let version = "0.1.0.dev"
}
