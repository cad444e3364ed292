<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<!-- Exercises, self-checks and progress (issue 4). ContentLanguage/en tells built-in content which language the window speaks. -->
<context>
    <name>BreathingPacer</name>
    <message>
        <source>Breathing guide</source>
        <translation>呼吸引导</translation>
    </message>
    <message>
        <source>Press Start when you are ready.</source>
        <translation>准备好了就点“开始”。</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Paused. Breathe normally; press Continue when you like.</source>
        <translation>已暂停。先正常呼吸，想继续时点“继续”。</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Breathe in…</source>
        <translation>吸气……</translation>
    </message>
    <message>
        <source>Breathe out, slowly…</source>
        <translation>慢慢呼气……</translation>
    </message>
    <message>
        <source>Well done. Let your breathing return to its own pace.</source>
        <translation>做得很好。让呼吸慢慢回到自然的节奏。</translation>
    </message>
    <message>
        <source>%1:%2 left</source>
        <translation>还剩 %1:%2</translation>
    </message>
</context>
<context>
    <name>ExerciseRunner</name>
    <message>
        <source>This step needs an answer before you go on.</source>
        <translation>这一步需要先填写，才能继续。</translation>
    </message>
    <message>
        <source>Save and close</source>
        <translation>保存并关闭</translation>
    </message>
    <message>
        <source>Your answers so far are kept; you can carry on later.</source>
        <translation>已经填写的内容都会保留，你可以之后接着做。</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Please pick at least one.</source>
        <translation>请至少选一项。</translation>
    </message>
    <message>
        <source>Please pick one.</source>
        <translation>请选一项。</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Step %1</source>
        <translation>第 %1 步</translation>
    </message>
    <message>
        <source>That is a bit long for this step; please keep it under %1 characters.</source>
        <translation>这一步写得有点长了，请控制在 %1 个字以内。</translation>
    </message>
    <message>
        <source>Your answer is still here.</source>
        <translation>你写的内容还在这里。</translation>
    </message>
</context>
<context>
    <name>_Countdown</name>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
</context>
<context>
    <name>ExercisesPage</name>
    <message>
        <source>Back to exercises</source>
        <translation>返回练习列表</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Talk it over with the companion</source>
        <translation>和陪伴者聊聊这次练习</translation>
    </message>
    <message>
        <source>Starts a new conversation with a short summary of this exercise.</source>
        <translation>开始一段新对话，并附上这次练习的简短小结。</translation>
    </message>
    <message>
        <source>Delete exercise</source>
        <translation>删除练习</translation>
    </message>
    <message>
        <source>Exercises</source>
        <translation>练习</translation>
    </message>
    <message>
        <source>Short, structured exercises you can do on your own, any time. They work without the AI, and everything you write stays encrypted on this computer.</source>
        <translation>随时可以自己做的简短练习，有清楚的步骤。不需要 AI 也能用，你写下的一切都加密保存在这台电脑上。</translation>
    </message>
    <message>
        <source>Exercises to try</source>
        <translation>可以试试的练习</translation>
    </message>
    <message>
        <source>Short reads: how it works</source>
        <translation>小知识：了解背后的道理</translation>
    </message>
    <message>
        <source>Your completed exercises</source>
        <translation>你完成的练习</translation>
    </message>
    <message>
        <source>Open to read it again</source>
        <translation>打开重新看看</translation>
    </message>
    <message>
        <source>The companion is still replying in another conversation. Try again in a moment.</source>
        <translation>陪伴者还在另一段对话里回复，请稍等一下再试。</translation>
    </message>
    <message>
        <source>Discard…</source>
        <translation>放弃…</translation>
    </message>
    <message>
        <source>Continue where I stopped</source>
        <translation>从上次停下的地方继续</translation>
    </message>
    <message>
        <source>Nothing here yet. Exercises you finish are kept here, encrypted, so you can read them again or delete them.</source>
        <translation>这里还没有内容。你完成的练习会加密保存在这里，可以随时回看或删除。</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>阅读</translation>
    </message>
    <message>
        <source>This was a short read; there are no answers to show.</source>
        <translation>这是一篇小短文，没有需要显示的回答。</translation>
    </message>
    <message>
        <source>Well done for taking the time. Saved %1.</source>
        <translation>谢谢你花时间做完这个练习。已于 %1 保存。</translation>
    </message>
    <message>
        <source>Completed %1</source>
        <translation>完成于 %1</translation>
    </message>
    <message>
        <source>Delete “%1” from %2 and everything you wrote in it from this computer? This cannot be undone.</source>
        <translation>要从这台电脑上删除 %2 的“%1”以及其中写下的全部内容吗？删除后无法恢复。</translation>
    </message>
    <message>
        <source>You have an unfinished exercise: %1 (last touched %2).</source>
        <translation>你有一个没做完的练习：%1（上次停在 %2）。</translation>
    </message>
</context>
<context>
    <name>ProgressPage</name>
    <message>
        <source>Progress</source>
        <translation>变化趋势</translation>
    </message>
    <message>
        <source>How your self-checks have changed over time. Lower PHQ-9 and GAD-7 scores mean fewer symptoms; a higher mood means a better day. These are self-checks, not a diagnosis.</source>
        <translation>你的自我检查结果随时间的变化。PHQ-9 和 GAD-7 分数越低，说明症状越少；心情分越高，说明那天过得越好。这些只是自我检查，不是诊断。</translation>
    </message>
    <message>
        <source>Nothing to show yet. Take a PHQ-9 or GAD-7 self-check, or a quick mood check-in, on the Self-checks page (Ctrl+3); your results will appear here as a picture over time.</source>
        <translation>这里还没有内容。到“自我检查”页面（Ctrl+3）做一次 PHQ-9 或 GAD-7 自查，或者简单记一下心情，结果就会在这里画成一张随时间变化的图。</translation>
    </message>
    <message>
        <source>Go to self-checks</source>
        <translation>去做自我检查</translation>
    </message>
    <message>
        <source>From %1 at your first self-check to %2 now: %3% lower.</source>
        <translation>从第一次自我检查的 %1 分到现在的 %2 分：降低了 %3%。</translation>
    </message>
    <message>
        <source>From %1 at your first self-check to %2 now: %3% higher.</source>
        <translation>从第一次自我检查的 %1 分到现在的 %2 分：升高了 %3%。</translation>
    </message>
    <message>
        <source>One result so far: %1 on %2. Another one later will show the change.</source>
        <translation>目前只有一次结果：%2 的 %1 分。以后再做一次，就能看到变化。</translation>
    </message>
    <message>
        <source>From %1 at the first result to %2 now (%3 results).</source>
        <translation>从第一次的 %1 到现在的 %2（共 %3 次记录）。</translation>
    </message>
</context>
<context>
    <name>ExerciseOffer</name>
    <message>
        <source>Yes, open it</source>
        <translation>好，打开看看</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>先不用</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Exercises</source>
        <translation>练习</translation>
    </message>
    <message>
        <source>Self-checks</source>
        <translation>自我检查</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>变化趋势</translation>
    </message>
</context>
<context>
    <name>ContentLanguage</name>
    <message>
        <source>en</source>
        <translation>zh</translation>
    </message>
</context>
<context>
    <name>SelfChecksHome</name>
    <message>
        <source>Remind me of a mood check-in each day</source>
        <translation>每天提醒我记一下心情</translation>
    </message>
    <message>
        <source>Remind me of a self-check every two weeks</source>
        <translation>每两周提醒我做一次自我检查</translation>
    </message>
    <message>
        <source>Self-checks</source>
        <translation>自我检查</translation>
    </message>
    <message>
        <source>Short questionnaires that help you notice how you have been. They are self-checks, not a diagnosis: only a doctor or another qualified professional can assess what is going on.</source>
        <translation>几份简短的问卷，帮你留意自己最近的状态。这些只是自我检查，不是诊断：具体情况需要由医生或其他专业人员来评估。</translation>
    </message>
    <message>
        <source>A gentle reminder is waiting here.</source>
        <translation>这里有一条温和的提醒。</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>先不用</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Gentle reminders (only inside this app)</source>
        <translation>温和的提醒（只在应用内显示）</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
</context>
<context>
    <name>SelfCheckWizard</name>
    <message>
        <source>Save and close</source>
        <translation>保存并关闭</translation>
    </message>
    <message>
        <source>Your answers so far are kept; you can carry on later.</source>
        <translation>已经回答的内容都会保留，你可以之后接着做。</translation>
    </message>
    <message>
        <source>Start over</source>
        <translation>重新开始</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>上一题</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一题</translation>
    </message>
    <message>
        <source>See my result</source>
        <translation>查看结果</translation>
    </message>
    <message>
        <source>Please choose the answer that fits best.</source>
        <translation>请选出最符合你情况的答案。</translation>
    </message>
    <message>
        <source>Some answers are missing; please go back and check them.</source>
        <translation>还有题目没有回答，请返回看看。</translation>
    </message>
    <message>
        <source>Question %1 of %2</source>
        <translation>第 %1 题，共 %2 题</translation>
    </message>
</context>
<context>
    <name>SelfCheckResult</name>
    <message>
        <source>Open help now</source>
        <translation>现在打开求助</translation>
    </message>
    <message>
        <source>Back to self-checks</source>
        <translation>返回自我检查</translation>
    </message>
    <message>
        <source>See progress over time</source>
        <translation>查看一段时间的变化</translation>
    </message>
    <message>
        <source>Saved. Thank you.</source>
        <translation>已保存，谢谢你。</translation>
    </message>
    <message>
        <source>Your answers are kept, so you can see how things change over time.</source>
        <translation>你的回答已保存，之后可以看到一段时间里的变化。</translation>
    </message>
    <message>
        <source>Your self-check result: %1 (%2 of %3)</source>
        <translation>你的自我检查结果：%1（%2 分，满分 %3）</translation>
    </message>
</context>
</TS>
