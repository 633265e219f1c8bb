// The dependency graph shrinks to the page's width down to 60% of its size, then scrolls. Set
// here, not in a style attribute: the Content-Security-Policy allows none.
for (const graph of document.querySelectorAll('svg[data-max-width]')) {
    graph.style.maxWidth = `${graph.dataset.maxWidth}px`;
    graph.style.minWidth = `${graph.dataset.minWidth}px`;
}

// A save sent by the milestone editor (milestone-draft.js) is confirmed by the milestone page it
// lands on: the draft kept in this browser for it is no longer needed.
{
    const submitted = sessionStorage.getItem('milestone-draft-submitted');
    if (submitted && document.querySelector('article#milestone')) {
        localStorage.removeItem(submitted);
        sessionStorage.removeItem('milestone-draft-submitted');
    }
}
