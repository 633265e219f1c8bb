// Ticks a box of the milestone page in place, for authors. The tick goes through the write path
// (Tick.cshtml.cs) with the version the page was read at; a save made meanwhile refuses it. Either
// way the page's content is then replaced by the page as it is now, so that counts, progress, the
// version its forms send and the box itself show what is stored: no second copy of those rules here.
(() => {
    const main = document.querySelector('main#main');
    const article = () => main.querySelector('article#milestone[data-tick-url]');
    if (!article()) {
        return;
    }

    const enable = () => {
        for (const box of article().querySelectorAll('input[type=checkbox][data-box]')) {
            box.disabled = false;
        }
    };

    // At the foot of the window, not the top of the page: a box ticked far down has its answer in view.
    const show = (text, saved) => {
        const alert = document.createElement('div');
        alert.id = 'tick-message';
        alert.className = `alert ${saved ? 'alert-success' : 'alert-warning'} alert-dismissible shadow tick-message`;
        alert.setAttribute('role', saved ? 'status' : 'alert');
        alert.textContent = text;
        const close = document.createElement('button');
        close.type = 'button';
        close.className = 'btn-close';
        close.dataset.bsDismiss = 'alert';
        close.setAttribute('aria-label', 'Close');
        alert.append(close);
        main.prepend(alert);
    };

    // The page as it is stored now; a page that cannot be read is loaded whole instead.
    const refresh = async () => {
        const response = await fetch(location.pathname, { credentials: 'same-origin', cache: 'no-store' });
        const fresh = new DOMParser().parseFromString(await response.text(), 'text/html').querySelector('main#main');
        if (!response.ok || !fresh || !fresh.querySelector('article#milestone')) {
            location.reload();
            return false;
        }
        main.replaceChildren(...fresh.childNodes);
        enable();
        return true;
    };

    main.addEventListener('change', async (event) => {
        const box = event.target;
        if (!(box instanceof HTMLInputElement) || !box.dataset.box || !article()?.contains(box)) {
            return;
        }
        const name = box.dataset.box;
        const label = box.getAttribute('aria-label') ?? 'the item';
        for (const other of article().querySelectorAll('input[data-box]')) {
            other.disabled = true;
        }
        const body = new URLSearchParams({
            Box: name,
            Ticked: String(box.checked),
            Version: article().dataset.version,
            __RequestVerificationToken: document.querySelector('input[name="__RequestVerificationToken"]')?.value ?? '',
        });
        let message;
        let saved = false;
        try {
            const response = await fetch(article().dataset.tickUrl, { method: 'POST', body, credentials: 'same-origin', headers: { Accept: 'application/json' } });
            const answer = (response.headers.get('content-type') ?? '').includes('json') ? await response.json() : {};
            saved = response.ok;
            message = saved
                ? `Saved: ${box.checked ? 'ticked' : 'cleared'} “${label}”.`
                : answer.message || 'Not saved: the server refused the change. The page now shows what is saved.';
        } catch {
            box.checked = !box.checked;
            enable();
            show('Not saved: the server could not be reached. Try again in a moment.', false);
            return;
        }
        try {
            if (!await refresh()) {
                return;
            }
        } catch {
            location.reload();
            return;
        }
        show(message, saved);
        article().querySelector(`input[data-box="${CSS.escape(name)}"]`)?.focus();
    });

    enable();
})();
