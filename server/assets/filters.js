// The filter bar's browser side (the form works without it: server/views/filterForm.ts says how).
// - When the period changes, show the fields of that period (Month, or From and To for a custom
//   range) and disable the others so they are not sent.
// - When the location changes, list only the providers who work there (from the form's
//   <template id="provider-choices">, each option carrying its locations as JSON); a provider
//   chosen who does not work at the new location is cleared, so the view never asks for a
//   provider at a location where it has no data.
(() => {
  for (const form of document.querySelectorAll('form.filters')) {
    const period = form.querySelector('select[name="period"]');
    if (period) {
      const sync = () => {
        for (const group of form.querySelectorAll('fieldset.period-fields')) {
          const on = (group.dataset.periods || '').split(' ').includes(period.value);
          group.hidden = !on;
          group.disabled = !on;
        }
      };
      period.addEventListener('change', sync);
      sync();
    }

    const location = form.querySelector('select[name="location"]');
    const provider = form.querySelector('select[name="provider"]');
    const all = form.querySelector('template#provider-choices');
    if (!location || !provider || !all) continue;
    const choices = Array.from(all.content.querySelectorAll('option'));
    const worksAt = (option, at) => {
      try {
        return JSON.parse(option.dataset.locations || '[]').includes(at);
      } catch {
        return false;
      }
    };
    const follow = () => {
      const at = location.value;
      const chosen = provider.value;
      const first = provider.querySelector('option[value=""]');
      const kept = choices.filter((o) => at === '' || worksAt(o, at)).map((o) => o.cloneNode(true));
      provider.replaceChildren(...(first ? [first] : []), ...kept);
      provider.value = kept.some((o) => o.value === chosen) ? chosen : '';
    };
    location.addEventListener('change', follow);
  }
})();
