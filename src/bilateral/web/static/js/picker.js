// The state picker: suggestions from /api/countries as the user types,
// chosen with the mouse or the arrow keys and Enter. The chosen state's code
// (ISO3, else the COW number) is what the form sends; without this script the
// typed name is sent and the server resolves it.
"use strict";
(function () {
  function setup(input) {
    const list = document.getElementById(input.getAttribute("aria-controls"));
    let items = [];
    let active = -1;
    let timer = null;
    let asked = 0;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function choose(item) {
      input.value = item.name;
      input.dataset.code = item.iso3 || String(item.ccode);
      close();
    }

    function highlight(index) {
      const options = list.querySelectorAll("[role=option]");
      options.forEach((o, i) => o.setAttribute("aria-selected", i === index ? "true" : "false"));
      active = index;
      if (options[index]) input.setAttribute("aria-activedescendant", options[index].id);
    }

    function show(found) {
      items = found;
      list.replaceChildren();
      found.forEach((item, i) => {
        const li = document.createElement("li");
        li.id = input.id + "-opt-" + i;
        li.setAttribute("role", "option");
        li.dataset.code = item.iso3 || String(item.ccode);
        const code = item.iso3 ? item.iso3 + ", COW " + item.ccode : "COW " + item.ccode;
        li.textContent = item.name + " (" + code + ")";
        const matched = String(item.matched || "");
        if (matched && matched.toLowerCase() !== item.name.toLowerCase() && matched.toUpperCase() !== item.iso3 && matched !== String(item.ccode)) {
          const note = document.createElement("span");
          note.className = "matched";
          note.textContent = " — " + matched;
          li.appendChild(note);
        }
        li.addEventListener("mousedown", (e) => { e.preventDefault(); choose(item); });
        list.appendChild(li);
      });
      list.hidden = found.length === 0;
      input.setAttribute("aria-expanded", found.length ? "true" : "false");
      active = -1;
    }

    async function suggest() {
      const text = input.value.trim();
      if (!text) { show([]); return; }
      const ticket = ++asked;
      try {
        const response = await fetch("/api/countries?limit=8&q=" + encodeURIComponent(text.slice(0, 64)));
        if (ticket !== asked) return;  // an older answer arriving late
        show(response.ok ? await response.json() : []);
      } catch (err) {
        show([]);
      }
    }

    input.addEventListener("input", () => {
      delete input.dataset.code;
      clearTimeout(timer);
      timer = setTimeout(suggest, 120);
    });
    input.addEventListener("keydown", (e) => {
      if (list.hidden) return;
      if (e.key === "ArrowDown") { e.preventDefault(); highlight(Math.min(active + 1, items.length - 1)); }
      else if (e.key === "ArrowUp") { e.preventDefault(); highlight(Math.max(active - 1, 0)); }
      else if (e.key === "Enter" && active >= 0) { e.preventDefault(); choose(items[active]); }
      else if (e.key === "Escape") { close(); }
    });
    input.addEventListener("blur", () => setTimeout(close, 150));
  }

  document.querySelectorAll("input[data-picker]").forEach(setup);
  document.querySelectorAll("form").forEach((form) => {
    form.addEventListener("submit", () => {
      form.querySelectorAll("input[data-picker]").forEach((input) => {
        if (input.dataset.code) input.value = input.dataset.code;
      });
    });
  });
})();
