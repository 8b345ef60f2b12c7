/* The event form in the admin: "Wiederholung in Worten" follows the series fields while the editor changes
   them. The sentence comes from the server (events.admin, series_words_view: the same words as on the public
   page, and how many dates result); the <output> is a polite live region, so screen readers hear it. */
(function () {
    "use strict";

    var FIELDS = ["start_0", "start_1", "end_0", "end_1", "all_day", "repeat", "repeat_interval",
        "repeat_weekdays", "repeat_until", "repeat_count", "exdates", "rrule"];
    var WAIT_MS = 350;

    function seriesParams(form) {
        var params = new URLSearchParams();
        FIELDS.forEach(function (name) {
            Array.prototype.forEach.call(form.querySelectorAll("[name='" + name + "']"), function (input) {
                if ((input.type === "checkbox" || input.type === "radio") && !input.checked) {
                    return;
                }
                params.append(name, input.value);
            });
        });
        return params;
    }

    function start(output) {
        var form = output.closest("form");
        // A read-only form (a submission waits for review) has no series fields to follow.
        if (!form || !form.elements.namedItem("repeat")) {
            return;
        }
        var timer = null;
        var asked = 0;

        function update() {
            var mine = ++asked;
            fetch(output.dataset.url + "?" + seriesParams(form).toString(), {
                credentials: "same-origin",
                headers: {"Accept": "application/json"}
            }).then(function (response) {
                if (!response.ok) {
                    throw new Error(String(response.status));
                }
                return response.json();
            }).then(function (data) {
                if (mine !== asked) {
                    return; // an older answer after a newer question
                }
                output.textContent = data.text;
                output.classList.toggle("series-in-words--error", Boolean(data.error));
            }).catch(function () {
                if (mine === asked) {
                    output.textContent = output.dataset.failed;
                    output.classList.add("series-in-words--error");
                }
            });
        }

        function later(event) {
            var name = event.target && event.target.name;
            if (FIELDS.indexOf(name) === -1) {
                return;
            }
            window.clearTimeout(timer);
            timer = window.setTimeout(update, WAIT_MS);
        }

        form.addEventListener("input", later);
        form.addEventListener("change", later);
    }

    function ready() {
        Array.prototype.forEach.call(document.querySelectorAll("output.series-in-words[data-url]"), start);
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", ready);
    } else {
        ready();
    }
}());
