/* Material's storage helpers (its partials/javascripts/base.html), loaded from this file instead of written
 * inline on every page: the scope is the site's root, two folders above this script (Material's own is the
 * page's base URL, the same folder), so what a reader chose (the palette) is kept under the same key. */
__md_scope=new URL("../..",document.currentScript.src),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
