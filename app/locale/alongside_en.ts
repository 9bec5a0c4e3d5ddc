<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- The English forms of the interface's counted phrases (Qt's %n plurals).
     Compile with: pyside6-lrelease app/locale/alongside_en.ts -qm app/locale/alongside_en.qm
     tests/ui/test_words.py checks that every tr() with %n is here and the .qm is current. -->
<TS version="2.1" language="en">
<context>
    <name>Alongside</name>
    <message numerus="yes">
        <source>%n vote(s)</source>
        <translation>
            <numerusform>%n vote</numerusform>
            <numerusform>%n votes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n attempt(s)</source>
        <translation>
            <numerusform>%n attempt</numerusform>
            <numerusform>%n attempts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n assessment(s) passed</source>
        <translation>
            <numerusform>%n assessment passed</numerusform>
            <numerusform>%n assessments passed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n scenario(s)</source>
        <translation>
            <numerusform>%n scenario</numerusform>
            <numerusform>%n scenarios</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0} of %n scenario(s) shown</source>
        <translation>
            <numerusform>{0} of %n scenario shown</numerusform>
            <numerusform>{0} of %n scenarios shown</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Library: %n scenario(s) ready</source>
        <translation>
            <numerusform>Library: %n scenario ready</numerusform>
            <numerusform>Library: %n scenarios ready</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n minute(s)</source>
        <translation>
            <numerusform>about %n minute</numerusform>
            <numerusform>about %n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>about %n decision(s)</source>
        <translation>
            <numerusform>about %n decision</numerusform>
            <numerusform>about %n decisions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n of your latest choices could not be saved yet: {0}. If you leave now they are lost. Leave anyway?</source>
        <translation>
            <numerusform>Your latest choice could not be saved yet: {0}. If you leave now it is lost. Leave anyway?</numerusform>
            <numerusform>%n of your latest choices could not be saved yet: {0}. If you leave now they are lost. Leave anyway?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>You can try again in %n second(s).</source>
        <translation>
            <numerusform>You can try again in %n second.</numerusform>
            <numerusform>You can try again in %n seconds.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n trainee(s)</source>
        <translation>
            <numerusform>%n trainee</numerusform>
            <numerusform>%n trainees</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s)</source>
        <translation>
            <numerusform>%n row</numerusform>
            <numerusform>%n rows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n attempt(s).</source>
        <translation>
            <numerusform>%n attempt.</numerusform>
            <numerusform>%n attempts.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n on a scenario version not yet accepted.</source>
        <translation>
            <numerusform>%n on a scenario version not yet accepted.</numerusform>
            <numerusform>%n on scenario versions not yet accepted.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n file</numerusform>
            <numerusform>%n files</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{0} of %n file(s)</source>
        <translation>
            <numerusform>{0} of %n file</numerusform>
            <numerusform>{0} of %n files</numerusform>
        </translation>
    </message>
</context>
</TS>
