// The filter bar's browser side: when the period changes, show the fields of that period
// (Month, or From and To for a custom range) and disable the others so they are not sent.
// The form works without this script (server/views/filterForm.ts says how).
(() => {
  for (const form of document.querySelectorAll('form.filters')) {
    const period = form.querySelector('select[name="period"]');
    if (!period) continue;
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
})();
