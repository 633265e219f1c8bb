// The milestone form without round trips: list buttons add, remove and move items in the
// page, and markdown bodies get a preview. Without this script the same buttons post the
// form to the List handler, which does the same on the server.
(() => {
    'use strict';
    const form = document.querySelector('form[data-milestone-form]');
    if (!form) return;

    const idOf = name => name.replace(/[^A-Za-z0-9_:-]/g, '_');
    const escape = text => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

    // Every element under root, the contents of nested <template>s included.
    const eachElement = (root, action) => {
        for (const element of root.querySelectorAll('*')) {
            action(element);
            if (element.tagName === 'TEMPLATE') eachElement(element.content, action);
        }
    };

    const itemsOf = list => Array.from(list.querySelector(':scope > .list-items').children);

    // Item k of a list is named `{list}[k]...`: after a change every item gets its place's index.
    const renumber = list => {
        const name = list.dataset.list;
        const path = name.replace(/^Milestone\./, '');
        const named = new RegExp('^' + escape(name) + '\\[[^\\]]*\\]');
        const valued = new RegExp('^(\\w+\\|)' + escape(path) + '\\[[^\\]]*\\]');
        const items = itemsOf(list);
        items.forEach((item, k) => {
            const ids = new Map();
            const rename = element => {
                for (const attribute of ['name', 'data-valmsg-for', 'data-list']) {
                    const value = element.getAttribute(attribute);
                    if (value && named.test(value)) element.setAttribute(attribute, value.replace(named, `${name}[${k}]`));
                }
                const newName = element.getAttribute('data-list') || element.getAttribute('name');
                if (element.id && newName && element.getAttribute('name') !== 'listEdit') {
                    ids.set(element.id, idOf(newName));
                    element.id = idOf(newName);
                }
                if (element.getAttribute('name') === 'listEdit') {
                    const [operation, listPath] = element.value.split('|');
                    if (listPath === path) element.value = `${operation}|${path}|${k}`;
                    else element.value = element.value.replace(valued, `$1${path}[${k}]`);
                }
            };
            eachElement(item, rename);
            // Controls named for their item ("Remove requirement 2") follow it to its new place.
            for (const element of item.querySelectorAll('[data-label]')) {
                if (element.closest('.list-item') === item) element.setAttribute('aria-label', element.dataset.label.replace('{n}', k + 1));
            }
            eachElement(item, element => {
                const target = element.getAttribute('for');
                if (target && ids.has(target)) element.setAttribute('for', ids.get(target));
            });
        });
        const fixed = Number(list.dataset.fixed), min = Number(list.dataset.min), max = Number(list.dataset.max);
        items.forEach((item, k) => {
            const button = operation => item.querySelector(`:scope > div > .item-actions > button[value^="${operation}|"]`);
            if (button('up')) button('up').disabled = k <= fixed;
            if (button('down')) button('down').disabled = k + 1 >= items.length;
            if (button('remove')) button('remove').disabled = items.length <= min;
        });
        const add = list.querySelector(':scope > button[value^="add|"]');
        if (add) add.disabled = items.length >= max;
    };

    form.addEventListener('click', event => {
        const button = event.target.closest('button[name="listEdit"]');
        if (!button) return;
        const list = button.closest('[data-list]');
        const item = button.closest('.list-item');
        const operation = button.value.split('|')[0];
        event.preventDefault();
        if (operation === 'add') {
            const template = list.querySelector(':scope > template');
            const fresh = template.content.firstElementChild.cloneNode(true);
            list.querySelector(':scope > .list-items').append(fresh);
            renumber(list);
            fresh.querySelector('input:not([type=hidden]):not([type=checkbox]), textarea')?.focus();
            return;
        }
        if (operation === 'remove') {
            // Focus goes to the item that takes its place (or the one before), else to the add button.
            const neighbour = item.nextElementSibling ?? item.previousElementSibling;
            item.remove();
            renumber(list);
            (neighbour?.querySelector('input:not([type=hidden]):not([type=checkbox]), textarea, select')
                ?? list.querySelector(':scope > button[value^="add|"]'))?.focus();
            return;
        }
        if (operation === 'up' && item.previousElementSibling) item.previousElementSibling.before(item);
        if (operation === 'down' && item.nextElementSibling) item.nextElementSibling.after(item);
        renumber(list);
        // At the top or bottom the pressed button is disabled and cannot keep the focus: the other one takes it.
        (button.disabled ? item.querySelector('button[name="listEdit"]:not(:disabled)') : button)?.focus();
    });

    // Markdown preview: the server renders it, as the milestone page will.
    const token = form.querySelector('input[name="__RequestVerificationToken"]')?.value ?? '';
    form.addEventListener('click', async event => {
        const button = event.target.closest('button[data-preview]');
        if (!button) return;
        const field = button.closest('.markdown-field');
        const pane = field.querySelector('.markdown-preview');
        if (!pane.classList.contains('d-none')) {
            pane.classList.add('d-none');
            button.textContent = 'Preview';
            return;
        }
        const body = new FormData();
        body.append('markdown', field.querySelector('textarea').value);
        body.append('__RequestVerificationToken', token);
        const response = await fetch(`${location.pathname}?handler=Preview`, { method: 'POST', body });
        pane.innerHTML = response.ok ? await response.text() : '<p class="text-danger mb-0">The preview could not be made.</p>';
        pane.classList.remove('d-none');
        button.textContent = 'Hide preview';
    });
    // The section list marks the section in view.
    if (window.bootstrap && document.getElementById('section-nav')) {
        // The section crossing a band near the top of the window is the one being read.
        new bootstrap.ScrollSpy(document.body, { target: '#section-nav', rootMargin: '-5% 0px -85% 0px' });
    }

    const showPreviewButtons = root => root.querySelectorAll('button[data-preview]').forEach(b => b.classList.remove('d-none'));
    showPreviewButtons(form);
    new MutationObserver(() => showPreviewButtons(form)).observe(form, { childList: true, subtree: true });
})();
