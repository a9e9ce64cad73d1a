import palette from '../palette.css?raw';

/**
 * Stylesheet of the public portal (no JavaScript): the shared palette (src/palette.css, the same custom
 * properties as the workbench) and the portal's rules. Contrast ≥ 4.5:1, visible focus, 400 % zoom safe.
 */
export const publicCss = `${palette}
*{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Liberation Sans",Arial,sans-serif;line-height:1.5;color:var(--fg);background:var(--bg)}
body{margin:0}
a{color:var(--accent)}
a:focus-visible,button:focus-visible{outline:3px solid var(--focus);outline-offset:2px;box-shadow:0 0 0 5px var(--fg)}
.skip{position:absolute;left:-9999px;top:0;background:var(--fg);color:#fff;padding:.5rem 1rem;z-index:10}
.skip:focus{left:.5rem;top:.5rem;color:#fff}
.wrap{max-width:64rem;margin:0 auto;padding:0 1rem}
header.site{border-bottom:4px solid var(--accent);padding:.75rem 0}
header.site .wrap{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;justify-content:space-between}
.brand{display:flex;align-items:center;gap:.75rem;font-weight:700;font-size:1.15rem;color:var(--fg);text-decoration:none}
.brand img{height:40px;width:auto}
nav.meta ul{list-style:none;margin:0;padding:0;display:flex;gap:1rem;flex-wrap:wrap}
.demo{background:var(--warn-bg);color:var(--warn-fg);border-bottom:1px solid #e0c97a;padding:.5rem 0;font-weight:600}
main{padding:1.5rem 0 3rem}
h1{font-size:2rem;line-height:1.2;margin:.5rem 0 1rem}
h2{font-size:1.4rem;margin:2rem 0 .75rem}
.lead{font-size:1.15rem;color:var(--muted);max-width:45rem}
.cards{list-style:none;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));gap:1rem}
.cards li{border:1px solid var(--line);border-radius:6px;padding:1rem}
.cards a{font-weight:700;font-size:1.1rem}
.meta-line{color:var(--muted);font-size:.95rem;margin:.25rem 0 0}
table{border-collapse:collapse;width:100%;max-width:48rem}
caption{text-align:left;font-weight:600;padding:.5rem 0;color:var(--muted)}
th,td{border-bottom:1px solid var(--line);padding:.4rem .6rem;text-align:left}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
tfoot td,tfoot th{font-weight:700;border-top:2px solid var(--fg)}
.table-scroll{overflow-x:auto}
.table-scroll:focus-visible{outline:3px solid var(--focus);outline-offset:2px;box-shadow:0 0 0 5px var(--fg)}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
.breadcrumb ol{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem .5rem;font-size:.95rem}
.breadcrumb li+li::before{content:"›";margin-right:.5rem;color:var(--muted)}
form.search{margin:1rem 0 1.5rem}
form.search label{font-weight:600}
.search-row{display:flex;flex-wrap:wrap;gap:.5rem;margin-top:.25rem}
.search-row input{flex:1 1 12rem;min-width:0;font:inherit;padding:.4rem .5rem;border:2px solid var(--fg);border-radius:4px}
button{font:inherit;padding:.45rem 1rem;border:2px solid var(--accent);background:var(--accent);color:var(--accent-fg);border-radius:4px;cursor:pointer}
input:focus-visible{outline:3px solid var(--focus);outline-offset:2px;box-shadow:0 0 0 5px var(--fg)}
summary{cursor:pointer;font-weight:600;margin:.5rem 0}
.facets{display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:.75rem}
fieldset{border:1px solid var(--line);border-radius:6px;margin:0;padding:.5rem .75rem;min-width:0}
legend{font-weight:600;padding:0 .25rem}
form.search label.check{display:block;font-weight:400;padding:.1rem 0}
ol.hits{padding-left:1.5rem}
ol.hits li{margin:0 0 1rem}
ol.hits a{font-weight:700}
.paging ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:1rem}
figure.map{margin:0;max-width:48rem}
figure.map svg{display:block;border:1px solid var(--line);background:#f5f7fa;height:auto}
figure.map .area{fill:#e3e9f0;stroke:#5b6b7d;stroke-width:1}
figure.map .pt-ort{fill:var(--accent);stroke:#fff;stroke-width:1}
figure.map .pt-angebot{fill:#8a3b00;stroke:#fff;stroke-width:1}
figure.map .pts-ort,figure.map .pts-angebot{fill:none;stroke-width:4;stroke-linecap:round}
figure.map .pts-ort{stroke:var(--accent)}
p.box.error{border-left:4px solid #a4000f;background:#fdf0f0;color:#1a1a1a;padding:.5rem .75rem}
figure.map .pts-angebot{stroke:#8a3b00}
figure.map figcaption{color:var(--muted);font-size:.95rem;margin-top:.25rem}
dl.facts{display:grid;grid-template-columns:minmax(8rem,max-content) 1fr;gap:.25rem 1rem;max-width:48rem}
dl.facts div{display:contents}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0;overflow-wrap:anywhere}
.sources{font-size:.95rem;color:var(--muted)}
.card-title{font-size:1.1rem;margin:0 0 .5rem}
h1,h2,h3,ol.hits a,.cards a{overflow-wrap:break-word;hyphens:auto}
@media (max-width:30rem){h1{font-size:1.6rem}}
ul.legend{list-style:none;padding:0;margin:.5rem 0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
ul.legend li{display:flex;align-items:center;gap:.4rem}
.swatch{display:inline-block;width:1.1rem;height:1.1rem;border:1px solid #3d4a57}
.swatch.withheld{background:repeating-linear-gradient(45deg,#d9d9d9 0 3px,#525252 3px 5px)}
.chart{max-width:48rem;margin:0 0 1rem}
.chart svg{max-width:100%;height:auto}
select{font:inherit;padding:.35rem .4rem;border:2px solid var(--fg);border-radius:4px;background:var(--bg);color:var(--fg)}
select:focus-visible{outline:3px solid var(--focus);outline-offset:2px;box-shadow:0 0 0 5px var(--fg)}
.search-row{align-items:center}
.search-row .field{display:inline-flex;flex-wrap:wrap;align-items:center;gap:.4rem}
.search-row>label{align-self:center}
footer.site{border-top:1px solid var(--line);padding:1.5rem 0;color:var(--muted);font-size:.95rem}
footer.site ul.legal{list-style:none;padding:0;margin:.5rem 0;display:flex;flex-wrap:wrap;gap:.25rem 1.5rem}
`;
