/*
 * The media library's uploads (django-filer's drop zones in the folder list): a refused upload says why,
 * and stays said, instead of a message that disappears after five seconds and a counter that stands at
 * "Hochladen 0/1" (filer counts a refused file as still uploading). Uses Dropzone's own event API
 * (element.dropzone) and filer's hook for error messages (window.filerShowError).
 */
"use strict";

document.addEventListener("DOMContentLoaded", () => {
    const header = document.querySelector("#header");

    // Shown until the page is left; the text is set as text (a file name is not markup).
    const showRefusal = (message, level = "error") => {
        let list = document.querySelector(".js-portal-upload-refusals");
        if (!list) {
            list = document.createElement("ul");
            list.className = "messagelist js-portal-upload-refusals";
            list.setAttribute("role", "alert");
            const main = document.querySelector("#content-main") || document.body;
            if (header) {
                header.insertAdjacentElement("afterend", list);
            } else {
                main.prepend(list);
            }
        }
        const item = document.createElement("li");
        item.className = level;
        item.textContent = message;
        list.append(item);
    };
    window.filerShowError = showRefusal;

    document.querySelectorAll(".js-filer-dropzone").forEach((element) => {
        const dropzone = element.dropzone;
        if (!dropzone) {
            return;
        }
        let refused = false;
        dropzone.on("error", (file, error) => {
            if (error !== "duplicate") {
                refused = true;
            }
        });
        dropzone.on("queuecomplete", () => {
            if (!refused) {
                return;  // filer reloads the folder itself
            }
            refused = false;
            // What filer leaves standing after a refusal: the counter, "Abbrechen" and the progress bar.
            [".js-filer-upload-count", ".js-filer-dropzone-cancel", ".js-filer-dropzone-upload-info",
             ".js-filer-dropzone-info-message"].forEach((selector) => {
                document.querySelectorAll(selector).forEach((node) => node.classList.add("hidden"));
            });
            const done = document.querySelector(".js-portal-upload-done");
            if (done) {
                showRefusal(done.textContent.trim(), "info");
            }
        });
    });
});
