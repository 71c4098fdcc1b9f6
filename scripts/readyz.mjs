// The containers' healthcheck (docker-compose.yml): exit 0 when the URL's /readyz
// answers 200 within 3 s, 1 otherwise. Plain JavaScript, so the probe starts in
// milliseconds without the TypeScript loader; Node's own fetch, no curl in the image.
const url = process.argv[2];
fetch(url, { signal: AbortSignal.timeout(3_000) }).then(
  (response) => process.exit(response.ok ? 0 : 1),
  () => process.exit(1),
);
