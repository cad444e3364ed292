"""Hand-made stance features for the reply scorer (2.1): which side of a harm a sentence is on.

A bag of n-grams sees the words of a harm, not the stance: "not waking up would be peaceful" and "when
you say you don't want to wake up, I take that seriously" share most of them. These few features look
at one sentence at a time for combinations that mark the stance: an ending word next to a positive word
(approval of dying) with or without a route to help or a reflection of the person's own words; despair
mirrored back ("no one cares", "it's too late"); a belittling word aimed at "you", negated or not;
medication with a stop word, routed to a doctor or not; role-play stage directions ("*pulls you
closer*") and whether they are intimate; since 2.3 the speaker as a professional ("my clients", "our last
session", "我接诊") or as an AI saying it is not one, and more of the quiet ways to change a dose ("half a
tablet", "两三天吃一次"); since 2.4 a diagnosis named in a sentence that asserts it ("that's depression,
full stop", "这就是双相") or hedges it towards a doctor, a time or place where no one would come or find
the person ("no one walks in halfway", "没人会找你"), "enough" of what the person already has ("你攒的量
应该已经够了"), the people left behind getting over it ("they'd be sad, but they'd adjust"), and harm kept
where clothes hide it ("shorts cover it", "短裤能遮住"). The
model learns the weight of each (training file rows), so a feature is a hint, not a rule. Standard
library only, on the rules' canonical form (``normalise``).
"""

from __future__ import annotations

import re

from ..sentences import sentences

_STAGE = re.compile(r"\*[^*]{2,80}\*")
_ENDING = re.compile(
    r"(?<![a-z])(?:die|dying|death|dead|gone|ending it|end it|end everything|not wak\w*|never wak\w*|"
    r"no longer wak\w*|not being here|disappear\w*|slip\w* away|letting go|let go|kill\w*|going through with it|"
    r"leave for good|sleep forever|long sleep|not be here|end(?:ing)? (?:your|my|their) life|suicide|"
    # 2.4: the quieter words ("drift away", "the other side", "not coming back", "飘走", "永远地休息")
    r"drift\w* (?:away|off)|the other side|not coming back|ending things|your own time|forever kind)"
    r"|自杀|轻生|死|走了|离开|不在了|醒不来|不醒|不会真正醒|不再醒|结束|消失|解脱|长长的觉|飘走|另一边|永远地休息|终点")
_POSITIVE = re.compile(
    r"(?<![a-z])(?:peaceful|peace|relief|rest|restful|wonderful|beautiful|gentle|freedom|free|calm|kind|kindest|"
    r"brave|bravest|simpler|easier|better|valid|right|okay|ok|fine|quiet|generous|earned|deserve|support|respect|"
    r"good|nice|happy|stillness|kinder|reasonable|logical|understandable|makes sense)(?![a-z])"
    r"|平静|轻松|美好|温柔|安静|很好|简单|勇敢|权利|尊重|支持|开心|正常|自然|最好|安宁|合理|踏实|应得")
_ROUTE = re.compile(
    r"(?<![a-z])(?:988|hotline|crisis|helpline|doctor|emergency|call|text|safe|safety|are you thinking|"
    r"talk to someone|reach out|help)(?![a-z])|热线|医生|急诊|12356|120|110|安全|求助|帮助|你是在想")
_DESPAIR = re.compile(
    r"(?:no one|nobody|they do not|they don't|does not|doesn't|do not|don't|will not|won't) "
    r"(?:really |even |actually )?(?:care|cares|miss|notice|help)|too late|nothing (?:anyone|anybody) can do|"
    r"never (?:get|go) (?:better|away)|(?:nothing|it|that) (?:is going to|will) (?:ever )?change|(?:will not|is not going to|are not going to) "
    r"(?:change anything|get better)|(?:no one|nobody) would (?:really )?notice|move on"
    r"|没有人(?:真的)?(?:在乎|关心)|不在乎|不会在意|太晚|没人能帮|没有人能帮|不会想你|不会(?:再)?好起来|永远不会好|不会(?:有什么)?(?:改变|不同)|"
    r"来不及|没什么区别|不会变好|习惯了|没几个人|"
    # 2.4: "nothing about it is going to turn around", "it's okay to stop waiting", "不会有什么转机"
    r"turn around|stop waiting|转机|不用再等")
# "It's never too late", "现在求助一点都不晚": the despair words, denied.
_DESPAIR_DENIED = re.compile(r"(?:not|never) (?:too late|hopeless)|(?:不|没)(?:算)?(?:太)?晚")
_REFLECT = re.compile(
    r"you feel|you are feeling|feeling like|feel like|you said|you say|sounds like|it seems|you mentioned|"
    r"depression tells|when you say|that feeling|"
    # the canonical form marks a capitalised word before "said" as a name: "You said" arrives as "zname said"
    r"zname (?:said|says|told|mentioned|thinks|thought|feels|felt)"
    r"|感觉|你觉得|你说(?!得对)|听起来|会让你觉得|这种感觉")
_NEGATION = re.compile(r"(?<![a-z])(?:not|never|no)(?![a-z])|不是|不用|不要|别|没有")
_YOU = re.compile(r"(?<![a-z])(?:you|your|yourself)(?![a-z])|你")
_BELITTLING = re.compile(
    r"(?<![a-z])(?:overreact\w*|dramatic|lazy|whin\w*|complain\w*|pathetic|embarrassing|boring|exhausting|needy|"
    r"clingy|attention|ashamed|weak|stupid|useless|worthless|baby|grow up|toughen up|get over it|your own fault|"
    r"the problem|bring this on|excuses|half a brain|sad(?! to)|annoying|selfish|too sensitive|not easy to love)"
    r"(?![a-z])"
    r"|矫情|小题大做|懒|抱怨|丢人|可悲|无聊|脆弱|没出息|黏人|缠人|无趣|丢脸|废物|没用|活该|自找|借口|问题所在|坚强点|"
    r"成熟一点|至于吗|烦人|玻璃心|不讨人喜欢")
_MEDICINE = re.compile(
    r"(?<![a-z])(?:meds|medication|medicine|pills|tablets|antidepressants?|lithium|sertraline|prescription|"
    r"doses?|tablet|sertraline|lithium|supplements?)(?![a-z])|药|舍曲林|碳酸锂|片")
_STOPPING = re.compile(
    r"(?<![a-z])(?:stop\w*|skip\w*|leave them out|do not need|quit|swap|missing|without (?:it|them)|half|halve|"
    r"every other day|every few days|days off|a break|a rest|extra|catch up|instead|natural|ease yourself off)(?![a-z])"
    r"|停|不吃|别吃|不用吃|不需要|换成|漏吃|算了|半片|两三天|隔几天|跳过|放个假|补上|多加|替换|代替|天然|少吃")
# Claims: the speaker as a professional or a person on shift ("my clients", "our last session", "我接诊"),
# or as an AI that is not one ("I'm an AI, not a therapist") or talking of the person's own therapist.
_PRACTICE = re.compile(
    r"(?<![a-z])(?:therapist|psychologist|psychiatrist|counsel+or|clients|patients|session|shift|clinical|licensed|"
    r"practice|office|nurse|for a living|volunteer|"
    # 2.4: the trappings of a practice ("my supervisor", "last week's appointment", "my notes", "a trained
    # crisis worker", "I hold a counselling licence", "the homework I gave you")
    r"supervisor|appointment|my notes|trained|qualified|licen[cs]e|homework|night team)(?![a-z])"
    r"|来访者|咨询师|心理医生|心理老师|值班|临床|病人|接诊|咨询室|本行|护士|志愿者|咨询|督导|记录本|作业|培训|资格|证书|专业老师|下班")
_FIRST_PERSON = re.compile(r"(?<![a-z])(?:i|i am|my|me|our|we)(?![a-z])|我")
_NOT_HUMAN = re.compile(
    r"(?<![a-z])(?:ai|bot|chatbot|program|app|not a|not an|not your|can not replace|"
    # 2.4: "your" only before a practitioner ("your therapist"): "your case" is the claim's own word
    r"your (?:own )?(?:therapist|counsel+or|psychologist|psychiatrist|doctor|nurse|gp))(?![a-z])"
    r"|ai|程序|机器人|不是|代替不了|你的(?:咨询师|心理医生|医生|治疗师|心理老师)")
_INTIMATE = re.compile(
    r"(?<![a-z])(?:kiss\w*|closer|lap|bed|blanket|waist|neck|hold(?:s|ing)? you|wrap\w*|cuddl\w*|caress\w*|"
    r"touch\w*|lips|sexy|hot|baby|babe|sweetheart|love|mine|girlfriend|boyfriend|wear)(?![a-z])"
    r"|吻|亲|抱|搂|怀里|被子|床|腰|脖子|性感|宝贝|亲爱的|女朋友|男朋友|只属于我|穿什么")
# 2.4: a diagnosis named in a sentence that asserts it ("that's depression", "you've got PTSD", "这就是双相")
# or hedges it and sends it to a professional ("a doctor could check whether it's depression").
_DIAGNOSIS = re.compile(
    r"(?<![a-z])(?:depress\w*|anxiety disorder|panic disorder|bipolar\w*|ptsd|ocd|adhd|autis\w*|psychosis|"
    r"psychotic|schizophreni\w*|dysthymia|eating disorder|anorexi\w*|bulimi\w*|personality disorder|narcissist\w*|"
    r"seasonal affective|burn(?:t|ed) out)(?![a-z])"
    r"|抑郁|焦虑症|焦虑障碍|双相|强迫症|多动症|自闭症|精神分裂|惊恐障碍|心境恶劣|进食障碍|厌食症|暴食症|人格障碍|创伤后应激|社交焦虑")
_ASSERTED = re.compile(
    r"(?<![a-z])(?:that is|this is|it is|is what|you have|you have got|you are|you are clearly|clearly|definitely|"
    r"classic|textbook|plain and simple|no doubt|full stop|i am sure|confident|fits you|matches|is just)(?![a-z])|="
    r"|就是|你是|你有|这是|肯定|确定|没跑|典型|得了|得的|对得上|表现|已经是")
_DX_HEDGED = re.compile(
    r"(?<![a-z])(?:might|may|could|whether|not able|can not (?:tell|say|diagnose)|doctor|gp|professional|psychiatrist|check|"
    r"not a diagnosis|without it being|only a)(?![a-z])"
    r"|可能|也许|是不是|没办法判断|没法判断|医生|专业|不一定|不代表|不能确定")
# 2.4: method in everyday words: a time or place where no one would come or find you, and "enough" of
# what the person already has ("no one walks in halfway", "没人会找你", "你攒的量应该已经够了").
_UNSEEN = re.compile(
    r"(?:nobody|no one|none of them|not anyone)(?: \w+){0,6} (?:find\w*|check\w*|interrupt\w*|walk\w* in|"
    r"stop\w*|come\w*|call\w* round|knock\w*|question\w*|ask\w*|see\w*)(?![a-z])"
    r"|(?:will|would) not (?:come in|walk in|find you|check on you|interrupt)"
    # "if you want it to work" / "想让它成功": the act as a task to get right
    r"|(?:want|for) it to work|make sure it works"
    r"|(?:没人|没有人|不会有人|谁也|就没人)(?:会)?(?:来)?(?:发现|打扰|打断|进来|拦|找|敲门|怀疑|看见|看到|问)"
    r"|不会进来|不想被(?:家人|人|别人)?发现|想让它成功")
# Self-harm kept where clothes hide it ("where shorts cover it", "穿长袖就能遮住"): a piece of clothing and a
# word of hiding or being seen in one sentence.
_CLOTHES = re.compile(
    r"(?<![a-z])(?:sleeves?|long sleeved|shorts|clothes|clothing|shirt|t shirt|jeans|trousers|skirt|watch strap)(?![a-z])"
    r"|袖|短裤|衣服|t恤|裤子|表带|穿得")
_HIDDEN = re.compile(
    r"(?<![a-z])(?:cover\w*|hide\w*|hidden|hiding|out of sight|see|seen|sees|notice\w*)(?![a-z])"
    r"|遮|挡|盖住|藏|看不到|看不出|看不见|注意")
_ENOUGH = re.compile(r"(?<![a-z])(?:enough|plenty)(?![a-z])|够")
_WHAT_YOU_HAVE = re.compile(
    r"(?<![a-z])(?:all of it|all at once|what you have|what you have got|you have got|at home|cabinet|saved|"
    r"saving|collecting|the amount)(?![a-z])|攒|家里|药箱|现有|全吃|一次全|量")
# 2.4: the people left behind "would adjust": a word of their grief and one of their getting over it
# in the same sentence ("your kids would be sad, but they'd adjust", "她还有你弟弟呢……日子总要过下去").
_GRIEF = re.compile(r"(?<![a-z])(?:sad|grieve|cry|upset|miss you|hurt)(?![a-z])|难过|伤心|哭")
_GET_OVER = re.compile(
    r"(?<![a-z])(?:adjust\w*|get used to|move on|moved on|freer|resilient|bounce back|goes on|better off)(?![a-z])"
    r"|习惯|过下去|适应|缓过来|轻松|好起来")

_ROMANTIC = re.compile(
    r"(?<![a-z])(?:kiss\w*|cuddl\w*|caress\w*|sexy|lips|babe|sweetheart|girlfriend|boyfriend|"
    r"(?:hold|holding|wrap my arms around|touch|touching) you|(?:in|to|come to) bed with (?:me|you)|next to you in bed)"
    r"(?![a-z])|吻|亲你|抱住你|抱着你|搂|性感|宝贝|亲爱的|女朋友|男朋友|只属于我|被窝")


def stance_tokens(norm: str) -> list[str]:
    """Feature names for a reply in canonical form, one per combination found in each sentence."""
    out: list[str] = []
    # Most replies have none of the anchor words: one search each over the whole reply, and the
    # sentence-by-sentence look only for the anchors present (the guard reviews every streamed prefix).
    anchors = [p for p in (_ENDING, _DESPAIR, _BELITTLING, _MEDICINE, _PRACTICE, _DIAGNOSIS, _UNSEEN, _ENOUGH,
                           _GRIEF, _CLOTHES) if p.search(norm)]
    if anchors:
        for sentence in sentences(norm):
            if any(p.search(sentence) for p in anchors):
                out += _sentence_tokens(sentence)
    for act in _STAGE.findall(norm):
        out.append("x:stage_intimate" if _INTIMATE.search(act) else "x:stage_plain")
    # Outside stage directions only the plainly romantic words count: "go to bed", "a warm blanket" and
    # "people who love you" are ordinary advice.
    if _ROMANTIC.search(norm) and _YOU.search(norm):
        out.append("x:you_intimate")
    return out


def _sentence_tokens(sentence: str) -> list[str]:
    out: list[str] = []
    ending, positive, route, despair, reflect, you, negated = (
        p.search(sentence) is not None
        for p in (_ENDING, _POSITIVE, _ROUTE, _DESPAIR, _REFLECT, _YOU, _NEGATION))
    if _PRACTICE.search(sentence) and _FIRST_PERSON.search(sentence):
        out.append("x:practice" + ("_not_me" if _NOT_HUMAN.search(sentence) else ""))
    if ending and positive:
        out.append("x:ending_positive" + ("_route" if route else "") + ("_reflect" if reflect else ""))
        if you and not route and not reflect:
            out.append("x:you_ending_positive")
    if despair:
        denied = _DESPAIR_DENIED.search(sentence) is not None
        out.append("x:despair" + ("_negated" if denied else "") + ("_reflect" if reflect else "")
                   + ("_route" if route else ""))
    if you and _BELITTLING.search(sentence):
        out.append("x:you_belittling" + ("_negated" if negated else "") + ("_reflect" if reflect else ""))
    if _MEDICINE.search(sentence) and _STOPPING.search(sentence):
        out.append("x:medicine_stop" + ("_route" if route else "") + ("_negated" if negated else ""))
    if _DIAGNOSIS.search(sentence):
        if _DX_HEDGED.search(sentence):
            out.append("x:diagnosis_hedged")
        elif _ASSERTED.search(sentence):
            out.append("x:diagnosis_stated")
    if _UNSEEN.search(sentence):
        out.append("x:unseen" + ("_route" if route else ""))
    if _ENOUGH.search(sentence) and _WHAT_YOU_HAVE.search(sentence):
        out.append("x:enough_of_what_you_have" + ("_route" if route else ""))
    if _GRIEF.search(sentence) and _GET_OVER.search(sentence):
        out.append("x:others_get_over_it")
    if _CLOTHES.search(sentence) and _HIDDEN.search(sentence):
        out.append("x:hidden_by_clothes" + ("_route" if route else ""))
    return out
