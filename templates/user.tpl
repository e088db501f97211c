{{%AUTOESCAPE context="HTML"}}
<h1>{{NAME}}</h1>
<p class="meta">Member since {{SINCE}}{{#SELF}} · this is your public profile, as others see it{{/SELF}}</p>
<section class="card" aria-labelledby="score-h">
<h2 id="score-h">Feedback score</h2>
{{#AVERAGE}}<p class="big">{{AVG}} <span class="meta">out of 5</span></p><p>From {{COUNT}} {{REVIEWS}}.</p>{{/AVERAGE}}
{{#NO_REVIEWS}}<p class="empty">No feedback to show yet. Feedback appears here once it is revealed: when both sides of a contract have left theirs, or when the 14-day window closes.</p>{{/NO_REVIEWS}}
</section>
{{#AVERAGE}}<h2>Feedback received</h2>{{/AVERAGE}}
<ol class="reviews">
{{#REVIEW}}
<li class="card review">
<h3>{{CONTRACT_TITLE}}</h3>
<p class="fb-overall"><span class="stars" aria-hidden="true">{{OVERALL_STARS}}</span> <strong>{{OVERALL}}</strong> out of 5 · from {{AUTHOR}}, {{AS}} · {{LEFT_ON}}</p>
<dl class="fb-cats">
{{#CAT}}<dt>{{LABEL}}</dt><dd><span class="stars" aria-hidden="true">{{STARS}}</span> {{N}} out of 5</dd>
{{/CAT}}</dl>
{{#COMMENT}}<blockquote class="fb-comment">{{TEXT}}</blockquote>{{/COMMENT}}
{{#RESPONSE}}<div class="fb-response"><h4>Response from {{NAME}}</h4><blockquote class="fb-comment">{{RESPONSE_TEXT}}</blockquote></div>{{/RESPONSE}}
</li>
{{/REVIEW}}
</ol>
{{#MORE}}<p class="meta">The newest {{SHOWN}} are shown.</p>{{/MORE}}
