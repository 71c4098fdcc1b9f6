import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { applyPatch, Operation } from 'fast-json-patch';
import { parse, parseAllDocuments } from 'yaml';

/**
 * `kubectl kustomize DIR` for the part of kustomize that deploy/k8s uses, since no
 * kubectl runs here: `resources` (files and other kustomizations), `namespace`,
 * `images` and `patches` of JSON 6902 operations (applied by fast-json-patch, as
 * kustomize applies them) chosen by kind, name (a regular expression, as in
 * kustomize) and equality label selectors. Anything else in a kustomization is
 * refused, so an overlay cannot use a feature this renderer would silently skip.
 */
export type Manifest = Record<string, any>;

const KNOWN = new Set(['apiVersion', 'kind', 'resources', 'namespace', 'images', 'patches']);
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PersistentVolume',
  'StorageClass',
  'PriorityClass',
]);

interface Target {
  kind?: string;
  name?: string;
  labelSelector?: string;
}

export function renderKustomization(dir: string): Manifest[] {
  const file = path.join(dir, 'kustomization.yaml');
  const kustomization = parse(readFileSync(file, 'utf8')) ?? {};
  const unknown = Object.keys(kustomization).filter((key) => !KNOWN.has(key));
  if (unknown.length) throw new Error(`${file}: this renderer does not support ${unknown.join(', ')}`);
  if (kustomization.kind !== 'Kustomization') throw new Error(`${file}: not a Kustomization`);

  let manifests: Manifest[] = (kustomization.resources ?? []).flatMap((resource: string) => {
    const target = path.join(dir, resource);
    if (statSync(target).isDirectory()) return renderKustomization(target);
    return parseAllDocuments(readFileSync(target, 'utf8'))
      .map((doc) => doc.toJS())
      .filter((m: Manifest | null): m is Manifest => m !== null);
  });

  for (const [index, patch] of (kustomization.patches ?? []).entries()) {
    if (!patch.target || typeof patch.patch !== 'string' || Object.keys(patch).some((k) => k !== 'target' && k !== 'patch')) {
      throw new Error(`${file}: patch ${index} must be an inline JSON 6902 patch with a target`);
    }
    const operations: Operation[] = parse(patch.patch);
    const matched = manifests.filter((m) => matches(m, patch.target));
    if (!matched.length) throw new Error(`${file}: patch ${index} (${JSON.stringify(patch.target)}) matches nothing`);
    manifests = manifests.map((m) => (matched.includes(m) ? applyPatch(structuredClone(m), structuredClone(operations), true, true).newDocument : m));
  }

  for (const image of kustomization.images ?? []) manifests = manifests.map((m) => withImage(m, image));

  if (kustomization.namespace) {
    manifests = manifests.map((m) => (CLUSTER_SCOPED.has(m.kind) ? m : { ...m, metadata: { ...m.metadata, namespace: kustomization.namespace } }));
  }

  const ids = manifests.map((m) => `${m.kind}/${m.metadata?.namespace ?? ''}/${m.metadata?.name}`);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) throw new Error(`${file}: ${duplicate} is defined twice`);
  return manifests;
}

function matches(manifest: Manifest, target: Target): boolean {
  if (target.kind && manifest.kind !== target.kind) return false;
  if (target.name && !new RegExp(`^(?:${target.name})$`).test(manifest.metadata?.name ?? '')) return false;
  if (target.labelSelector) {
    const labels = manifest.metadata?.labels ?? {};
    for (const requirement of target.labelSelector.split(',')) {
      const [key, value] = requirement.split('=').map((s) => s.trim());
      if (value === undefined) throw new Error(`label selector ${target.labelSelector}: only key=value requirements are supported`);
      if (labels[key] !== value) return false;
    }
  }
  return true;
}

/** The pod spec of a workload, where it has one. */
export function podSpec(manifest: Manifest): Manifest | undefined {
  if (manifest.kind === 'CronJob') return manifest.spec?.jobTemplate?.spec?.template?.spec;
  return manifest.spec?.template?.spec;
}

/** kustomize's `images`: a container image named `name` (with any tag) gets newName and newTag. */
function withImage(manifest: Manifest, image: { name: string; newName?: string; newTag?: string }): Manifest {
  const spec = podSpec(manifest);
  if (!spec) return manifest;
  const next = structuredClone(manifest);
  const nextSpec = podSpec(next)!;
  for (const container of [...(nextSpec.initContainers ?? []), ...(nextSpec.containers ?? [])]) {
    const [name, tag] = splitImage(container.image);
    if (name !== image.name) continue;
    container.image = `${image.newName ?? name}${(image.newTag ?? tag) ? `:${image.newTag ?? tag}` : ''}`;
  }
  return next;
}

/** An image reference's name and tag (a registry's port is not a tag). */
export function splitImage(image: string): [string, string | undefined] {
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  return colon > slash ? [image.slice(0, colon), image.slice(colon + 1)] : [image, undefined];
}
