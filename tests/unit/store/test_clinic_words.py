from clinicstudio.store.clinic import clinic_identity, save_profile
from clinicstudio.store.clinic_words import add_words, load_lists, remove_words


def test_clinic_words_are_part_of_the_identity(db):
    with db.transaction() as session:
        save_profile(session, name="Glow Aesthetics")
        assert add_words(session, ["Glowderm", "glowderm", "Hydralift"]) == ["Glowderm",
                                                                              "Hydralift"]
        add_words(session, ["Tina"], list_name="staff_first_names")
    with db.session() as session:
        identity = clinic_identity(session)
    assert identity.words == ("Glowderm", "Hydralift")
    assert identity.staff_first_names == ("Tina",)
    with db.transaction() as session:
        assert remove_words(session, ["HYDRALIFT"]) == ["Hydralift"]
    with db.session() as session:
        assert load_lists(session)["words"] == ("Glowderm",)
