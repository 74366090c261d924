package dev.containermatrix.engine.html;

/**
 * The page's inline style (the statuses' colours and shades are {@link CellShade}'s) and script:
 * nothing is loaded from elsewhere (no fonts, no scripts, no images), so the page reads the same
 * offline, from a CI artifact or a mail attachment.
 */
final class PageAssets {
  private PageAssets() {}

  static final String STYLE =
      CellShade.css()
          + """
          :root{--ink:#1d1d1f;--line:#d0d0d8;--paper:#ffffff}
          *{box-sizing:border-box}
          body{margin:0;padding:16px 24px;font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,\
          "DejaVu Sans",sans-serif;color:var(--ink);background:var(--paper)}
          h1{font-size:20px;margin:0 0 8px}
          h2{font-size:16px;margin:0;font-family:ui-monospace,"DejaVu Sans Mono",monospace;\
          word-break:break-all}
          header.summary{border-bottom:1px solid var(--line);padding-bottom:12px;margin-bottom:16px}
          dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:8px 0}
          dl.facts dt{color:#555}
          dl.facts dd{margin:0;word-break:break-word}
          .totals{display:flex;flex-wrap:wrap;gap:6px;margin-top:8px}
          .badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;\
          font-weight:600;white-space:nowrap}
          section.matrix{margin:0 0 28px}
          .class-head{display:flex;flex-wrap:wrap;align-items:baseline;gap:8px 16px;margin-bottom:8px}
          .multiples{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
          figure.grid{margin:0;padding:8px;border:1px solid var(--line);border-radius:6px}
          figcaption{font-size:12px;color:#444;margin-bottom:6px;word-break:break-all}
          table.heat{border-collapse:separate;border-spacing:4px}
          table.heat th{font-weight:500;font-size:12px;color:#444;max-width:160px;word-break:break-all}
          table.heat th.axis{color:#888;font-weight:400}
          table.heat td{width:112px;height:60px;padding:0}
          td.absent{border:1px dashed var(--line);border-radius:6px}
          a.cell{display:flex;flex-direction:column;justify-content:space-between;width:112px;\
          height:60px;padding:8px 8px 6px;border-radius:6px;text-decoration:none;\
          font-size:12px;font-weight:600;outline-offset:2px}
          a.cell.selected{outline:3px solid #1565c0}
          a.cell .counts{white-space:nowrap;text-align:center}
          a.cell .bars{display:flex;flex-direction:column;gap:2px}
          .bar{height:5px;border-radius:2px;background:rgba(128,128,128,.35);overflow:hidden}
          .bar i{display:block;height:100%;background:currentColor}
          .swatch{display:inline-block;width:14px;height:10px;border-radius:2px;vertical-align:middle}
          ul.list{margin:0;padding:0 0 0 4px;list-style:none}
          ul.list li{margin:2px 0}
          .legend{font-size:12px;color:#555;margin:4px 0 8px}
          details.panel{border:1px solid var(--line);border-radius:6px;margin:4px 0;background:#fafafc}
          details.panel[open]{border-color:#1565c0;background:#fff}
          details.panel summary{cursor:pointer;padding:6px 10px;word-break:break-word}
          details.panel .body{padding:4px 12px 12px}
          .failure{border-left:4px solid var(--failed);padding:2px 8px;margin:6px 0}
          .flaky{border-left:4px solid var(--allowed);padding:2px 8px;margin:6px 0}
          pre{white-space:pre-wrap;word-break:break-word;margin:4px 0;padding:6px 8px;\
          background:#f3f3f6;border-radius:4px;font:12px/1.4 ui-monospace,"DejaVu Sans Mono",monospace}
          code{font-family:ui-monospace,"DejaVu Sans Mono",monospace}
          .variants-head{font-size:13px;color:#555;margin:12px 0 4px}
          .warning{color:#8a4b00}
          """;

  /**
   * Opens the details of the variant named by {@code #cell=<variant id>} (on load and when the
   * fragment changes, as a click on a cell changes it) and scrolls to them. Ids are compared as
   * text, never put into a selector.
   */
  static final String SCRIPT =
      """
      (function(){
        function show(id,scroll){
          var first=null;
          document.querySelectorAll('details.panel').forEach(function(p){
            if(p.getAttribute('data-variant')===id){p.open=true;if(!first)first=p;}
          });
          document.querySelectorAll('a.cell').forEach(function(c){
            c.classList.toggle('selected',c.getAttribute('data-variant')===id);
          });
          if(first&&scroll){first.scrollIntoView({block:'nearest'});}
        }
        function fromFragment(){
          var h=location.hash;
          if(h.indexOf('#cell=')!==0){return;}
          var id;
          try{id=decodeURIComponent(h.substring(6));}catch(e){return;}
          show(id,true);
        }
        document.querySelectorAll('a.cell').forEach(function(c){
          c.addEventListener('click',function(){show(c.getAttribute('data-variant'),true);});
        });
        window.addEventListener('hashchange',fromFragment);
        fromFragment();
      })();
      """;
}
