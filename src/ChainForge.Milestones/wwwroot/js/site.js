// The dependency graph shrinks to the page's width down to 60% of its size, then scrolls. Set
// here, not in a style attribute: the Content-Security-Policy allows none.
for (const graph of document.querySelectorAll('svg[data-max-width]')) {
    graph.style.maxWidth = `${graph.dataset.maxWidth}px`;
    graph.style.minWidth = `${graph.dataset.minWidth}px`;
}
