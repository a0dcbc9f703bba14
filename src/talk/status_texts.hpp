// The classic status texts talk shows in brackets, shared by the rendezvous and the session.
#pragma once

#include <string_view>

namespace talk::client::text {

inline constexpr std::string_view kNoConnectionYet = "No connection yet";
inline constexpr std::string_view kCheckingForInvitation =
    "Checking for invitation on caller's machine";
inline constexpr std::string_view kWaitingToConnect = "Waiting to connect with caller";
inline constexpr std::string_view kTryingRemoteDaemon =
    "Trying to connect to your party's talk daemon";
inline constexpr std::string_view kWaitingForParty = "Waiting for your party to respond";
inline constexpr std::string_view kRingingAgain = "Ringing your party again";
inline constexpr std::string_view kConnectionEstablished = "Connection established";
inline constexpr std::string_view kConnectionClosing = "Connection closing. Exiting";
inline constexpr std::string_view kConnectionClosed = "Connection closed. Press any key to exit";
inline constexpr std::string_view kLostConnection = "Lost the connection";
inline constexpr std::string_view kReadFromDaemon = "Error on read from talk daemon";
inline constexpr std::string_view kWriteToDaemon = "Error on write to talk daemon";
inline constexpr std::string_view kInvalidAddress = "Response uses invalid network address";
inline constexpr std::string_view kNotATty = "Standard input must be a tty, not a pipe or a file";

}  // namespace talk::client::text
