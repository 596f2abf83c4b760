"""The ground floor: the clock, the day a page asks for, the content version, the page
cache, uploaded files, storage, upload validators and security headers. Nothing here
imports a page or a model of the plan: the apps above register what it needs to know."""
