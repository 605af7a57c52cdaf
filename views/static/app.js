// Crosscheck's only script besides htmx. Everything works without it; it remembers which
// comment threads you collapsed (in this browser only) and tidies the reply box.
(function () {
  'use strict';
  var KEY = 'crosscheck:collapsed';
  var MAX = 500; // ids remembered; the oldest are forgotten first

  function load() {
    try {
      var list = JSON.parse(localStorage.getItem(KEY) || '[]');
      return Array.isArray(list) ? list : [];
    } catch (e) {
      return [];
    }
  }

  function save(list) {
    try {
      localStorage.setItem(KEY, JSON.stringify(list.slice(-MAX)));
    } catch (e) {
      /* storage full or disabled: collapsing still works, it is just not remembered */
    }
  }

  function apply(root) {
    var collapsed = load();
    if (!collapsed.length) return;
    var folds = root.querySelectorAll('details.fold[data-fold]');
    for (var i = 0; i < folds.length; i++) {
      if (collapsed.indexOf(folds[i].getAttribute('data-fold')) !== -1) folds[i].open = false;
    }
  }

  // 'toggle' does not bubble; listen in the capture phase.
  document.addEventListener(
    'toggle',
    function (event) {
      var el = event.target;
      if (!el.matches || !el.matches('details.fold[data-fold]')) return;
      var id = el.getAttribute('data-fold');
      var list = load().filter(function (x) {
        return x !== id;
      });
      if (!el.open) list.push(id);
      save(list);
    },
    true,
  );

  // "Cancel" in an inline reply box empties the box instead of leaving the page.
  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('[data-cancel-reply]');
    if (!link) return;
    var slot = link.closest('.reply-slot');
    if (!slot || slot.id === 'reply-slot-top') return;
    event.preventDefault();
    slot.innerHTML = '';
  });

  document.addEventListener('DOMContentLoaded', function () {
    apply(document);
  });
  // Threads loaded later ("load more", a sort change) get the same treatment.
  document.addEventListener('htmx:load', function (event) {
    apply(event.target);
  });
})();
