/* casegraph explorer: on a network page, double-click a node to open its page.
 * Loaded after page.js (which draws the figure into window.casegraph); ids are
 * checked against casegraph's id pattern before they become a URL. */
(function () {
  "use strict";
  var ID = /^[a-z0-9][a-z0-9-]*$/;
  function attach() {
    var cg = window.casegraph;
    if (!cg || !cg.network) { return false; }
    cg.network.on("doubleClick", function (event) {
      var id = event.nodes && event.nodes[0];
      if (typeof id === "string" && ID.test(id)) {
        window.location.assign("/entity/" + id);
      }
    });
    return true;
  }
  if (!attach()) { window.addEventListener("load", attach); }
})();
