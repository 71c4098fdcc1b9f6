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
