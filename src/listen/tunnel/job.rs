//! Windows: the tunnel program and everything it starts run in a job object that ends them all
//! when it is closed (`JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE`). lpwh holds the only handle, so the
//! tree ends when [`Tunnel::stop`](super::Tunnel::stop) terminates the job, and also when lpwh
//! dies without cleaning up: Windows closes a dead process's handles. Unix uses a process group
//! instead ([`super::group`]).

use std::io;

use windows_sys::Win32::Foundation::{CloseHandle, HANDLE};
use windows_sys::Win32::System::JobObjects::{
    AssignProcessToJobObject, CreateJobObjectW, JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE,
    JOBOBJECT_EXTENDED_LIMIT_INFORMATION, JobObjectExtendedLimitInformation,
    SetInformationJobObject, TerminateJobObject,
};

/// A job object that kills its processes when closed.
pub struct Job(HANDLE);

// SAFETY: a job handle is a kernel handle, usable from any thread.
unsafe impl Send for Job {}
unsafe impl Sync for Job {}

impl Job {
    /// A new job holding `child`. Processes `child` starts from now on are in it too; one it
    /// started before this call (a few microseconds after its spawn) is not.
    pub fn holding(child: &tokio::process::Child) -> io::Result<Job> {
        let process = child
            .raw_handle()
            .ok_or_else(|| io::Error::other("the tunnel program has already exited"))?;
        // SAFETY: no security attributes and no name: an anonymous job only lpwh can reach.
        let handle = unsafe { CreateJobObjectW(std::ptr::null(), std::ptr::null()) };
        if handle.is_null() {
            return Err(io::Error::last_os_error());
        }
        let job = Job(handle);
        // SAFETY: an all-zero JOBOBJECT_EXTENDED_LIMIT_INFORMATION is a valid "no limits" value.
        let mut limits: JOBOBJECT_EXTENDED_LIMIT_INFORMATION = unsafe { std::mem::zeroed() };
        limits.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
        // SAFETY: `limits` lives across the call and its size is the one passed.
        let set = unsafe {
            SetInformationJobObject(
                job.0,
                JobObjectExtendedLimitInformation,
                (&raw const limits).cast(),
                size_of::<JOBOBJECT_EXTENDED_LIMIT_INFORMATION>() as u32,
            )
        };
        if set == 0 {
            return Err(io::Error::last_os_error());
        }
        // SAFETY: both handles are open: the job's is ours, the process's is the child's.
        if unsafe { AssignProcessToJobObject(job.0, process as HANDLE) } == 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(job)
    }

    /// End every process in the job now.
    pub fn terminate(&self) {
        // SAFETY: the handle is open until drop.
        unsafe { TerminateJobObject(self.0, 1) };
    }
}

impl Drop for Job {
    fn drop(&mut self) {
        // SAFETY: closed once, here; with KILL_ON_JOB_CLOSE this also ends what is left in it.
        unsafe { CloseHandle(self.0) };
    }
}
