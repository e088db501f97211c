{{%AUTOESCAPE context="HTML"}}
<p>Not built yet.</p>
