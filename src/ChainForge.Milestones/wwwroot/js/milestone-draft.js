// Nothing typed in the milestone editor is lost: leaving it with unsaved changes asks first, and
// what is typed is kept in this browser as a draft, offered back when the editor is opened again.
// The draft is dropped once the milestone page confirms the save (site.js); a refused save comes
// back to the editor with the typed values, and the draft stays.
(() => {
    'use strict';
    const form = document.querySelector('form[data-milestone-form]');
    if (!form) return;

    // Per person and per editor: a shared computer must not offer one person's draft to another.
    const person = document.querySelector('[data-signed-in-as]')?.textContent.trim() ?? '';
    const key = `milestone-draft:${person}:${location.pathname}`;
    const submittedKey = 'milestone-draft-submitted';
    const tokenInput = () => form.querySelector('input[name="__RequestVerificationToken"]');

    // The form as HTML with what is typed written into it; the antiforgery token is left out, as
    // it differs on every page and the restored form keeps the current one.
    const snapshot = () => {
        for (const element of form.querySelectorAll('input, textarea, select')) {
            if (element.type === 'checkbox' || element.type === 'radio') element.toggleAttribute('checked', element.checked);
            else if (element.tagName === 'TEXTAREA') element.textContent = element.value;
            else if (element.tagName === 'SELECT') for (const option of element.options) option.toggleAttribute('selected', option.selected);
            else if (element.type !== 'file') element.setAttribute('value', element.value);
        }
        const copy = form.cloneNode(true);
        copy.querySelector('input[name="__RequestVerificationToken"]')?.remove();
        return copy.innerHTML;
    };

    const read = () => {
        try {
            const draft = JSON.parse(localStorage.getItem(key) ?? 'null');
            return draft && typeof draft.html === 'string' && typeof draft.savedAt === 'string' ? draft : null;
        } catch {
            return null;
        }
    };

    let dirty = false;
    let offerPending = false;
    let timer = 0;
    const keep = () => {
        clearTimeout(timer);
        // While an older draft is offered, it is not overwritten by what is typed meanwhile.
        if (offerPending) return;
        timer = setTimeout(() => {
            try {
                localStorage.setItem(key, JSON.stringify({ savedAt: new Date().toISOString(), html: snapshot() }));
                form.dataset.draftSaved = new Date().toISOString();
            } catch {
                // Storage full or turned off: the warning before leaving still protects the work.
            }
        }, 500);
    };
    const changed = () => {
        dirty = true;
        keep();
    };
    form.addEventListener('input', changed);
    form.addEventListener('change', changed);
    form.addEventListener('click', event => {
        if (event.target.closest('button[name="listEdit"]')) setTimeout(changed);
    });

    // Enter in a one-line field does not save a half-filled milestone; the Save button does.
    form.addEventListener('keydown', event => {
        const target = event.target;
        if (event.key === 'Enter' && target instanceof HTMLInputElement
            && !['submit', 'button', 'checkbox', 'radio', 'file', 'reset'].includes(target.type)) {
            event.preventDefault();
        }
    });

    window.addEventListener('beforeunload', event => {
        if (!dirty) return;
        event.preventDefault();
        event.returnValue = '';
    });
    form.addEventListener('submit', () => {
        dirty = false;
        clearTimeout(timer);
        try {
            if (!offerPending) localStorage.setItem(key, JSON.stringify({ savedAt: new Date().toISOString(), html: snapshot() }));
            sessionStorage.setItem(submittedKey, key);
        } catch {
            // Without storage there is no draft to keep or drop.
        }
    });

    const refused = sessionStorage.getItem(submittedKey) === key;
    sessionStorage.removeItem(submittedKey);
    if (refused) {
        // The server answered a save with the editor again (errors, or someone else's change):
        // what was typed is on the page, not saved yet.
        dirty = true;
        return;
    }

    const draft = read();
    if (!draft) return;
    if (draft.html === snapshot()) {
        localStorage.removeItem(key);
        return;
    }
    const savedAt = new Date(draft.savedAt);
    const sameDay = savedAt.toDateString() === new Date().toDateString();
    const when = (sameDay ? '' : savedAt.toLocaleDateString([], { day: 'numeric', month: 'short' }) + ' ')
        + savedAt.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

    const offer = document.createElement('div');
    offer.className = 'alert alert-info d-flex flex-wrap align-items-center gap-2';
    offer.id = 'draft-offer';
    offer.setAttribute('role', 'status');
    const text = document.createElement('span');
    text.className = 'me-auto';
    text.textContent = `You have an unsaved draft of this milestone from ${when}, kept in this browser.`;
    const button = (action, label, style) => {
        const b = document.createElement('button');
        b.type = 'button';
        b.className = `btn btn-sm ${style}`;
        b.dataset.draft = action;
        b.textContent = label;
        return b;
    };
    offer.append(text, button('restore', 'Restore the draft', 'btn-primary'), button('discard', 'Discard it', 'btn-outline-secondary'));
    form.before(offer);
    offerPending = true;

    offer.addEventListener('click', event => {
        const action = event.target.closest('button[data-draft]')?.dataset.draft;
        if (!action) return;
        offerPending = false;
        offer.remove();
        if (action === 'restore') {
            const token = tokenInput()?.value;
            form.innerHTML = draft.html;
            const restoredToken = document.createElement('input');
            restoredToken.type = 'hidden';
            restoredToken.name = '__RequestVerificationToken';
            restoredToken.value = token ?? '';
            form.append(restoredToken);
            dirty = true;
            form.querySelector('input:not([type=hidden]), textarea, select')?.focus();
        } else {
            localStorage.removeItem(key);
            if (dirty) keep();
        }
    });
})();
