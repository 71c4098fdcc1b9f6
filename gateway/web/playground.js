// The playground: GraphiQL with the explorer plugin, the example operations of
// schema/operations/ as tabs, and a token field whose value is sent as a Bearer
// token. Everything loads from this gateway; nothing comes from the internet.
(function () {
  'use strict';
  var tokenInput = document.getElementById('token');
  tokenInput.value = localStorage.getItem('civic.token') || '';
  tokenInput.addEventListener('input', function () {
    localStorage.setItem('civic.token', tokenInput.value.trim());
  });

  // Development only (the page is not served in production): the role and region
  // picker asks the gateway to sign a development token and puts it in the field.
  var mint = document.getElementById('mint');
  var mintStatus = document.getElementById('mint-status');
  mint.addEventListener('submit', function (event) {
    event.preventDefault();
    var body = {
      roles: [document.getElementById('mint-role').value],
      region: document.getElementById('mint-region').value.trim(),
      partner: document.getElementById('mint-partner').value.trim(),
    };
    fetch('/_dev/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
      .then(function (r) {
        return r.json();
      })
      .then(function (answer) {
        if (!answer.token) {
          mintStatus.textContent = answer.errors ? answer.errors[0].message : 'no token';
          mintStatus.className = 'error';
          return;
        }
        tokenInput.value = answer.token;
        localStorage.setItem('civic.token', answer.token);
        mintStatus.textContent = answer.claims.roles.join(',') + (answer.claims.region ? ' · ' + answer.claims.region : '');
        mintStatus.className = '';
      });
  });

  function fetcher(params, options) {
    var headers = Object.assign({ 'content-type': 'application/json' }, (options && options.headers) || {});
    var token = tokenInput.value.trim();
    if (token) headers.authorization = 'Bearer ' + token.replace(/^Bearer\s+/i, '');
    return fetch('/', { method: 'POST', headers: headers, body: JSON.stringify(params) }).then(function (r) {
      return r.json();
    });
  }

  fetch('/_pages/operations.json')
    .then(function (r) {
      return r.json();
    })
    .then(function (operations) {
      var explorer = GraphiQLPluginExplorer.explorerPlugin();
      var root = ReactDOM.createRoot(document.getElementById('graphiql'));
      root.render(
        React.createElement(GraphiQL, {
          fetcher: fetcher,
          plugins: [explorer],
          defaultEditorToolsVisibility: true,
          // The first tab opens on the first example with its variables filled in;
          // GraphiQL takes the active tab's editors from these props, not defaultTabs.
          query: operations.length ? operations[0].query : undefined,
          variables: operations.length ? operations[0].variables : undefined,
          defaultTabs: operations.map(function (op) {
            return { query: op.query, variables: op.variables };
          }),
        }),
      );
    });
})();
