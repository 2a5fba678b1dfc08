import Testing
import TwitchwiseCore
import TwitchwiseTestSupport

/// Emergencies as people describe them (Intents/triage.yaml): each presentation, each context
/// cue, and the urgent reply's form.
@Suite struct TriagePresentationTests {
    @Test(arguments: [
        ("her face has gone lopsided and she can't lift her left arm", "stroke"),
        ("my husband's words are coming out all jumbled since lunch", "stroke"),
        ("I think my dad is having a stroke", "stroke"),
        ("my wife is convulsing on the floor and won't respond", "seizure"),
        ("my friend had a fit, stopped, and now she's having another one", "seizure"),
        ("my 18 month old is burning up and his arms keep jerking", "febrile_child"),
        ("baby has a temperature of 39.2 and has gone floppy", "febrile_child"),
        ("high fever and my neck is so stiff I can't touch my chin to my chest", "meningitis"),
        ("fever, and the light is killing my eyes", "meningitis"),
        ("cut my foot on rusty wire a week ago and now my jaw won't open properly", "tetanus"),
        ("stood on a nail on Sunday, now my neck and belly keep going rigid", "tetanus"),
        ("my lips are swelling up after eating prawns and my throat feels tight", "airway"),
        ("he's wheezing and can't catch his breath", "airway"),
        ("crushing pressure in my chest spreading to my arm", "chest_pain"),
        ("my grandad keeled over and he isn't responding", "collapse"),
        ("the weakness started in my feet yesterday and is creeping up my legs", "spreading_weakness"),
        ("I suddenly can't walk, my legs keep giving way", "spreading_weakness"),
        ("hurt my back lifting and now I can't feel my bum and can't control my bladder", "cauda_equina"),
        ("spasms all over with a fever that keeps getting worse, now it's hard to walk", "fever_spasms"),
        ("my neck suddenly went into an excruciating spasm and I can't move it", "severe_neck_back"),
    ])
    func presentationsInLayWords(message: String, presentation: String) {
        let reply = Fixture.ask(message)
        #expect(reply.urgent && reply.intent == "urgent", "\(message)")
        #expect(reply.slots["red_flag"] == presentation, "\(message) -> \(reply.slots["red_flag"] ?? "none")")
    }

    @Test func anEmergencyCanTakeTwoMessagesToTell() {
        let replies = Fixture.conversation(["my lower back keeps spasming", "now the pain is suddenly unbearable"])
        #expect(!replies[0].urgent)
        #expect(replies[1].urgent && replies[1].slots["red_flag"] == "severe_neck_back")
    }

    @Test func anotherPersonIsStillUrgent() {
        for message in ["my son is having a seizure", "my mum's face is drooping", "the man next to me collapsed"] {
            #expect(Fixture.ask(message).urgent, "\(message)")
        }
    }
}
