import { deployedSubgraphs } from '../graph/k8s/base';
import { secretsYaml } from '../graph/k8s/secrets';

/**
 * npm run -s k8s:secrets | kubectl apply -n NAMESPACE -f -
 * Prints the Secrets deploy/k8s refers to, with fresh random values (graph/k8s/secrets.ts).
 * Run it once per cluster: applied again, it replaces every secret (and the data key).
 */
process.stdout.write(secretsYaml(deployedSubgraphs()));
