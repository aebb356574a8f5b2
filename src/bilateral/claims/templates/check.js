document.querySelectorAll('mark[data-claim]').forEach(function(m){
  function toggle(){var box=document.getElementById('ev-'+m.dataset.claim);box.classList.toggle('open');
    m.setAttribute('aria-expanded',box.classList.contains('open'));}
  m.addEventListener('click',toggle);
  m.addEventListener('keydown',function(e){if(e.key==='Enter'||e.key===' '){e.preventDefault();toggle();}});
});
