// Served by rdpdiag serve from its own jar; the pages work without it. It adds a copy button to
// every block of commands and remembers, in this browser only, which plan steps were ticked done.
(function () {
  'use strict';
  document.querySelectorAll('pre.commands').forEach(function (pre) {
    if (!navigator.clipboard) { return; }
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'copy';
    button.textContent = 'Copy';
    button.addEventListener('click', function () {
      navigator.clipboard.writeText(pre.querySelector('code').textContent).then(function () {
        button.textContent = 'Copied';
        setTimeout(function () { button.textContent = 'Copy'; }, 1500);
      }, function () { button.textContent = 'Select and copy'; });
    });
    pre.appendChild(button);
  });
  var key = 'rdpdiag-done:' + location.search;
  var saved = {};
  try { saved = JSON.parse(sessionStorage.getItem(key) || '{}'); } catch (e) { saved = {}; }
  document.querySelectorAll('input.done').forEach(function (box) {
    var step = box.closest('li');
    box.checked = !!saved[box.value];
    if (step) { step.classList.toggle('checked', box.checked); }
    box.addEventListener('change', function () {
      saved[box.value] = box.checked;
      if (step) { step.classList.toggle('checked', box.checked); }
      try { sessionStorage.setItem(key, JSON.stringify(saved)); } catch (e) { /* storage off: ticks last the page */ }
    });
  });
}());
