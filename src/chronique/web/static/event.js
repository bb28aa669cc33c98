// Scroll each mention's article box so its highlighted evidence sentence is in view.
"use strict";
document.querySelectorAll(".article-text.excerpt").forEach(function (box) {
  var mark = box.querySelector(".hl.evidence");
  if (mark) { box.scrollTop = Math.max(0, mark.offsetTop - box.offsetTop - 40); }
});
