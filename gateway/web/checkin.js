/* The check-in page: shows the place's current code as a QR code, fetched anew when it changes. */
(function () {
  'use strict';
  var $ = function (id) {
    return document.getElementById(id);
  };
  var tokenInput = $('token');
  var image = $('qr');
  var status = $('status');
  var timer = null;
  tokenInput.value = localStorage.getItem('civic.token') || '';

  function refresh() {
    clearTimeout(timer);
    var headers = {};
    var token = tokenInput.value.trim();
    if (token) headers.authorization = 'Bearer ' + token.replace(/^Bearer\s+/i, '');
    fetch(location.pathname.replace(/\/$/, '') + '/code', { headers: headers })
      .then(function (response) {
        return response.json();
      })
      .then(function (answer) {
        if (!answer.image) {
          var error = (answer.errors && answer.errors[0]) || {};
          image.removeAttribute('src');
          image.dataset.code = '';
          status.textContent = error.message || 'no code';
          timer = setTimeout(refresh, 10000);
          return;
        }
        image.src = answer.image;
        image.dataset.code = answer.text;
        status.textContent = '';
        // The next code is fetched as this one's step ends (and at least every 30 s).
        var wait = Math.min(30000, Math.max(1000, Date.parse(answer.validUntil) - Date.now() + 250));
        timer = setTimeout(refresh, wait);
      })
      .catch(function () {
        status.textContent = 'the graph is not answering; trying again';
        timer = setTimeout(refresh, 5000);
      });
  }

  tokenInput.addEventListener('change', function () {
    localStorage.setItem('civic.token', tokenInput.value.trim());
    refresh();
  });
  refresh();
})();
