"""The publisher's word around the article: copyright, sign-offs, corrections, disclaimers, credits of a show or a translation,
a republished story's provenance, editing notes, an unofficial copy's notice.

Each is a pattern tried on the line in lower case with straight quotes. A footer
line is never the article; a copyright line also names the publication.
"""

from __future__ import annotations

_UNREPORTED = r"(?!.*\b(?:said|says|told|tells|according to|added|adding|stated|states)\b)"
"""A line that reports no one's words: a disclaimer in it is the publisher's, not a source's the article quotes."""

FOOTER = (
    r"^(?:©|\(c\)|copyright\b)", r"[.!]\s+(?:©|\(c\)|copyright)\s*(?:19|20)\d{2}\b", r"\ball rights reserved\b",
    r"^\(?(?:additional )?(?:reporting|writing|editing|research|compiled|translation) by\b",
    r"^(?:our standards|the thomson reuters trust principles)\b",
    r"^this (?:article|story|report|piece|post)(?: by [^.]{1,60}?)? (?:was|has been|is) (?:originally |first )?"
    r"(?:published|updated|amended|corrected|produced|written|syndicated|republished)\b",
    r"^(?:contact|email|follow|write to) the (?:author|writer|reporter)s?\b", r"^disclaimer:",
    r"\b(?:data|quotes|prices) (?:is|are) delayed\b",
    r"\b(?:data|quotes|prices|values) delayed (?:by )?(?:at least |up to )?\d+\s*min", r"\breal-time snapshot\b",
    r"^this (?:article|story|content) is (?:more than|over) \w+ \w+ old$",
    r"^(?:terms (?:of (?:use|service))|privacy policy|cookie policy|contact us|about us)(?:\s*[|·•].*)?$",
    r"^(?:source|image source|picture source)\s*:\s*https?://",
    # the publisher's word after the article: disclaimers, letters, credits of a show
    r"\bviews expressed (?:here |in this \w+ )?are (?:the author'?s?|their|his|her|my) own\b", r"\bdoes not take institutional positions\b",
    r"\b(?:is|are) (?:the|solely the) (?:author|writer|columnist|contributor)(?:'s|s'|s)? own\b",
    rf"^{_UNREPORTED}.*\bdo(?:es)? not (?:necessarily )?reflect (?:the|those of)\b",
    r"\bpast performance is (?:not|no) (?:indicative|(?:a )?guarantee)\b", r"\bactual results (?:may|could) differ materially\b",
    r"\bwelcomes? letters\b", r"\b(?:submit|send|write) (?:us )?a letter to the editor\b", r"^want to (?:respond|reply|weigh in)\?",
    r"^(?:letters|submissions|contributions) (?:should|must|may) (?:be|not|include|contain)\b",
    # a copyright notice without the word: "Without written authorization from …, such content shall not be republished."
    r"^without (?:the )?(?:prior |express )?(?:written )?(?:authori[sz]ation|permission|consent)\b.{0,80}\b(?:re-?publish|reproduc|redistribut|re-?print)",
r"^(?:letters to the editor|write to us)\b",
    # a show's credits, on their own or after its name ("The Weekly Wire is produced by …. Music by ….")
    r"^(?:(?:[\w'’]+ ){1,4}(?:is|was|are|were) )?(?:produced|edited|mixed|engineered|hosted|presented) by (?:[^.\s]+ ){0,4}[^.\s]+\.(?: [^.]{1,80}\.?)?$",
    r"^(?:music|theme music|original music|sound design)\s*(?::|by\b)",
    r"^transcripts? (?:is|are) (?:produced|prepared)\b", r"\bthis copy may not be in its final form\b",
    r"^(?:this (?:article|story|piece|text|report) (?:was|has been|is) )?(?:machine[- ]|automatically )?translated (?:from|by|into)\b",
    # the same credit in the original's language, or in two: "Traducido del español por … / Translated from the Spanish by …"
    r"^(?:traducido|traducida|traduit|traduite|traduzido|traduzida|tradotto|tradotta|übersetzt)\s+(?:del|de|do|da|dal|aus|por|par|von)\b",
    r"\s/\s+translated (?:from|by)\b",
    # a translation's credit: "This story is a translation of …", "Translator: …"
    r"^this (?:article|story|piece|text|report|interview|column) is an? (?:translation|translated version|english version)\b",
    r"^(?:translation|translator|translated by|english version)\s*:",
    r"^(?:read|view|see) (?:the )?original (?:article|story|version|text|coverage|report|reporting|post|piece|interview)s?\b",
    r"^original(?:ly)? (?:published|posted|appeared) (?:in|on|at|by)\b",
    # sign-offs: who else worked on the story, and how to reach the newsroom
    r"^[^.]{0,60}\b(?:contributed|added) (?:reporting|to this (?:report|story|article))\b", r"^(?:[\w.'’ ]{1,40} )?(?:wire|news) services? contributed\b",
    r"^(?:have|got|know) (?:a|any) (?:news )?(?:tip|story idea)s?\b",
    r"^(?:send|email|e-mail|share|submit) (?:us )?(?:your |a |any )?(?:news |story )?(?:tips?|story ideas?)\b",
    r"^(?:news )?tips?\s*:\s", r"\b(?:contact|reach|email|e-mail) (?:the|our) (?:newsroom|news desk|tip line|reporter|writer)\b",
    # "Correction:", "Correction (May 3):", and with the date after a comma: "Correction, Nov 18, 2020: …"
    r"^(?:correction|clarification|editor's note)s?(?:,\s*[^:.]{3,30})?\s*(?:\(|:|-|–|—)", r"^an earlier version of this (?:article|story|report|post)\b",
    r"^(?:found|spotted|see) an? (?:error|mistake|typo)\b",
    # a dated note on what changed: "Update, March 3: This story was updated with …", "Updated 5 p.m.: This article has been …"
    r"^(?:update|updated|correction|editor's note)\b[^:]{0,30}:\s*this (?:article|story|report|post|piece) (?:has been|was|is)\b",
    r"^this (?:article|story|page|copy) (?:is|was) printed (?:from|on)\b", r"^printed (?:on|from|at)\b", r"^reproduction\b.{0,40}\bprohibited\b",
    r"^this (?:article|story|report|post) (?:has been|was) (?:corrected|updated|amended|clarified)\b",
    r"^\[\d{1,3}\]\s",  # a footnote: "[3] Annual report, 2019."
    # a wire story's note on what this version changed: "(Recasts with minister's comments, adds background in paragraphs 5-7)"
    r"^\((?:adds|updates?|recasts|rewrites|changes|corrects|refiles|repeats|removes|fixes|inserts|clarifies|writes through|tops with"
    r"|new throughout)\b[^()]*(?<![.!?])\)$",
    # a republished story's provenance, wherever it sits: "This piece first ran in …", "… republished with permission."
    r"^this (?:article|story|piece|report|column|post|interview|essay) (?:first |originally )?(?:appeared|ran)\b",
    r"\b(?:is |was )?(?:re-?published|reprinted|republished here|shared) (?:here )?(?:with|by) (?:kind |their |its )?permission\b",
    # an editor's word on the text itself: "This interview has been condensed and edited for clarity."
    r"^(?:the following |this )?(?:\w+ ){0,2}(?:(?:has|have) been|was|were|is|are) (?:lightly |slightly )?(?:edited|condensed|abridged|shortened)\b"
    r".{0,40}\b(?:length|clarity|brevity|space|readability)\b",
    r"^(?:lightly )?(?:edited|condensed)(?: and (?:edited|condensed))? for (?:length|clarity|brevity)\b",
    r"^a version of this (?:article|story|piece|report|column|interview) (?:first |originally )?(?:appeared|ran|was published)\b",
    # an unofficial copy's notice: "This web version is for reference; only the signed text is authoritative."
    r"\bonly the (?:printed|print|official|signed|published|paper) (?:edition|version|text|copy)\b.{0,40}"
    r"\b(?:legal effect|legally binding|authoritative|official)\b",
    r"\b(?:is|are) (?:an? |the )?(?:unofficial|reading|informal|courtesy) (?:edition|version|copy|text)\b",
    r"^the (?:official|authoritative) (?:version|text|edition|copy) (?:of this (?:document|notice|rule|page|order) )?is "
    r"(?:the (?:one |version |text |copy )?(?:printed|published|signed|in)|available|published|printed|in the)\b",
    r"^all trademarks\b|\btrademarks (?:are|remain) (?:the )?property of\b|^best viewed (?:in|with|at)\b",
    # a notice's disclaimer and its contact box: "… is provided for informational purposes only", "Questions? Contact …"
    # (the publisher's own words: a line that reports someone's disclaimer, "… a spokeswoman said", is the article's)
    rf"^{_UNREPORTED}.*\b(?:is|are) (?:provided |offered |published )?for (?:general )?information(?:al)?(?: purposes)? only\b",
    rf"^{_UNREPORTED}.*\b(?:does not (?:constitute|provide|offer|give)|(?:is|are) not) (?:legal|financial|investment|tax|medical) advice\b",
    # a transcript's notice on how it was made: "This is a transcript … produced with speech recognition … may contain errors."
    r"^(?:this|the following) is an? (?:\w+[- ])?(?:transcript|transcription)\b.{0,160}"
    r"\b(?:speech recognition|speech-to-text|automated|automatically|may contain (?:errors|inaccuracies|mistakes))\b",
    # a feedback prompt after the text: "Was this explainer helpful?", "Did you find this article useful?"
    r"^(?:was|is|did you find) this (?:[\w-]+ ){0,2}(?:helpful|useful)\?",
    r"^questions\?\s+(?:contact|email|e-mail|call|write to|reach)\b",
    # an affiliate site's word on how it is paid: "How we review: … We may earn a commission if you buy through our links."
    r"\bwe (?:may|might|can) (?:get paid|earn (?:a |an )?(?:small )?(?:commission|fee)|receive (?:a |an )?(?:commission|fee))\b"
    r".{0,40}\b(?:links?|buy|purchase)\b",
    # a research note's certification and disclosures after its text
    r"^(?:analyst certification|important disclosures?|regulatory disclosures?|required disclosures?)\s*:",
    # a wire story's credit: "--With assistance from …", names only
    r"^(?:[-–—]+\s*with (?:additional )?(?:assistance|help)|with (?:additional )?assistance) (?:from|by)\b[^,;]{0,80}$",
)
