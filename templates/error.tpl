{{%AUTOESCAPE context="HTML"}}
<section class="error">
<h1>{{HEADING}}</h1>
<p class="status">Error {{STATUS}}</p>
<p>{{MESSAGE}}</p>
<p><a href="/contracts">Go to all contracts</a></p>
</section>
