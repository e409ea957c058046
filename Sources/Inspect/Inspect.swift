// Inspect: `oc adm inspect` in process, discovery-driven traversal, YAML writing in oc's layout, secret elision.
// Built on GatherKit and KubeClient; empty until that work lands.
