/* Briefing: small enhancements; every page works without them.
   Dates: the HTML says "3 May 2025" with the ISO date in <time datetime>; here they are shown
   in the reader's own locale format (the datetime attribute stays as it is). */
(function () {
  "use strict";
  if (!window.Intl || !Intl.DateTimeFormat) return;
  var format;
  try {
    format = new Intl.DateTimeFormat(undefined, {year: "numeric", month: "long", day: "numeric", timeZone: "UTC"});
  } catch (e) {
    return;
  }
  document.querySelectorAll("time[datetime]").forEach(function (el) {
    var iso = el.getAttribute("datetime");
    if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return;
    var date = new Date(iso + "T00:00:00Z");
    if (isNaN(date.getTime())) return;
    if (!el.title) el.title = iso;
    el.textContent = format.format(date);
  });
})();
